package dev.schemagate.runner.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code rollout.publish} section of schemagate.yaml: where the runner publishes each track's
 * {@code SchemaState} (docs/state.md). Publication is opt-in: a runner started from a laptop whose
 * kubeconfig points at some cluster must not move that cluster's windows by accident.
 *
 * <pre>
 * rollout:
 *   publish:
 *     namespace: schemagate            # required to publish
 *     database: orders-db (prod)       # optional description, never credentials
 * </pre>
 *
 * The cluster is reached like the contract gate reaches it ({@code
 * rollout.contract_gate.kubeconfig}, {@code context}, {@code timeout}).
 */
public record PublishSettings(Optional<String> namespace, Optional<String> database) {

  public static final PublishSettings NONE =
      new PublishSettings(Optional.empty(), Optional.empty());

  private static final List<String> KEYS = List.of("namespace", "database");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** Bad configuration, naming the key. */
  public static final class PublishSettingsException extends IllegalArgumentException {
    PublishSettingsException(String message) {
      super("schemagate.yaml: " + message);
    }
  }

  /** Parses the raw {@code rollout.publish} node; absent means no publication. */
  public static PublishSettings parse(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw new PublishSettingsException(
          "rollout.publish: expected a mapping with namespace (and database)");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new PublishSettingsException(
            "unknown key \"" + key + "\" in rollout.publish (known keys: namespace, database)");
      }
    }
    JsonNode ns = node.path("namespace");
    if (!ns.isTextual() || !NAMESPACE.matcher(ns.asText()).matches()) {
      throw new PublishSettingsException(
          "rollout.publish.namespace: "
              + (ns.isMissingNode() ? "missing" : "\"" + ns.asText() + "\" is not a namespace name")
              + " (a DNS label such as schemagate)");
    }
    JsonNode db = node.path("database");
    if (!db.isMissingNode() && !db.isTextual()) {
      throw new PublishSettingsException("rollout.publish.database: expected a text description");
    }
    return new PublishSettings(
        Optional.of(ns.asText()), db.isTextual() ? Optional.of(db.asText()) : Optional.empty());
  }
}
