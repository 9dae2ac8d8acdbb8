package dev.schemagate.cli.candeploy;

import dev.schemagate.contract.window.CompatibilityWindow;
import java.util.List;
import java.util.Map;

/**
 * Where can-deploy reads the live windows from: the runner's history table or SchemaState objects.
 */
interface StateSource {

  /** What was read: the windows by track, plus objects or rows that could not be used. */
  record State(
      Map<String, CompatibilityWindow> windows, List<String> problems, String description) {}

  /**
   * Reads the current state once.
   *
   * @throws BadInput when the source cannot be reached or read (never with a password in it)
   */
  State read();
}
