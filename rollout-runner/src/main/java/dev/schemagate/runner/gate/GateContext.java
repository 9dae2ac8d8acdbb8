package dev.schemagate.runner.gate;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.db.Database;
import java.util.Set;

/**
 * The phase a gate is asked about.
 *
 * @param tables the tables the phase's statements touch (schema-qualified, as the analyzer's facts
 *     name them)
 * @param rollback true when the runner is about to run the version's {@code rollback.sql} (then
 *     {@code phase} is {@link PhaseKind#EXPAND}, the phase it undoes): a contract-style gate
 *     refuses it while running pods require the version
 */
public record GateContext(
    Database database,
    String track,
    int version,
    PhaseKind phase,
    Set<String> tables,
    boolean rollback) {

  public GateContext(
      Database database, String track, int version, PhaseKind phase, Set<String> tables) {
    this(database, track, version, phase, tables, false);
  }
}
