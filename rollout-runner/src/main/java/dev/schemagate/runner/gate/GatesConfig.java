package dev.schemagate.runner.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.analyzer.repo.Durations;
import dev.schemagate.analyzer.repo.PhaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code rollout.gates} and {@code rollout.contract_gate} sections of schemagate.yaml
 * (documented in docs/runner-gates.md), parsed strictly: an unknown key or a bad value is an error
 * naming the file and the key.
 *
 * <pre>
 * rollout:
 *   gates:
 *     statement_timeout: 5s                # bounds every gate query (default 5s)
 *     replication_lag: {max: 10s, max_bytes: 104857600}   # or: off
 *     blocked_sessions: {max: 0, longer_than: 1s}          # or: off
 *     custom:
 *       - {name: no-long-transactions, sql: "SELECT ...", phases: [contract], timeout: 5s}
 *   contract_gate:
 *     namespaces: [shop, billing]          # default: all namespaces
 *     kubeconfig: ~/.kube/prod.yaml        # default: $KUBECONFIG, ~/.kube/config, in-cluster
 *     context: prod-eu                     # default: the kubeconfig's current context
 *     timeout: 10s                         # per Kubernetes API request (default 10s)
 * </pre>
 *
 * @param replicationLag empty when turned off
 * @param blockedSessions empty when turned off
 */
public record GatesConfig(
    Optional<ReplicationLagGate> replicationLag,
    Optional<BlockedSessionsGate> blockedSessions,
    List<CustomSqlGate> custom,
    ContractGateSettings contractGate) {

  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_REPLICATION_LAG = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LONGER_THAN = Duration.ofSeconds(1);

  private static final Pattern GATE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  // A namespace is a DNS-1123 label.
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public GatesConfig {
    custom = List.copyOf(custom);
  }

  /** Bad configuration, with a message naming the file and the key. */
  public static final class GatesConfigException extends IllegalArgumentException {
    GatesConfigException(String message) {
      super(message);
    }
  }

  /**
   * Both sections absent: replication lag (10s) and blocked sessions (0 longer than 1s) on,
   * contract gate on all namespaces.
   */
  public static GatesConfig defaults() {
    return parse(null, null, "schemagate.yaml");
  }

  /**
   * The database gates, in the order the runner checks them: built-in first, then custom in file
   * order.
   */
  public List<Gate> healthGates() {
    List<Gate> out = new ArrayList<>();
    replicationLag.ifPresent(out::add);
    blockedSessions.ifPresent(out::add);
    out.addAll(custom);
    return List.copyOf(out);
  }

  /**
   * Parses the two sections. Either may be {@code null} or a missing node (section absent).
   *
   * @param file the configuration file's name for messages, e.g. {@code schemagate.yaml}
   * @throws GatesConfigException naming the file and key
   */
  public static GatesConfig parse(JsonNode gates, JsonNode contractGate, String file) {
    Reader r = new Reader(file);
    Duration timeout = r.statementTimeout(gates);
    return new GatesConfig(
        r.replicationLag(gates, timeout),
        r.blockedSessions(gates, timeout),
        r.custom(gates, timeout),
        r.contractGate(contractGate));
  }

  private static boolean absent(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull();
  }

  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    private GatesConfigException error(String key, String problem) {
      return new GatesConfigException(file + ": " + key + ": " + problem);
    }

    private void object(JsonNode node, String key, Set<String> allowed) {
      if (!node.isObject()) {
        throw error(key, "expected a mapping, got " + kind(node));
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw error(
              key + "." + name,
              "unknown key; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
        }
      }
    }

    /** Also checks the section's keys, once. */
    Duration statementTimeout(JsonNode gates) {
      if (absent(gates)) {
        return DEFAULT_STATEMENT_TIMEOUT;
      }
      object(
          gates,
          "rollout.gates",
          Set.of("statement_timeout", "replication_lag", "blocked_sessions", "custom"));
      return duration(
          gates.get("statement_timeout"),
          "rollout.gates.statement_timeout",
          DEFAULT_STATEMENT_TIMEOUT);
    }

    /** {@code off}/{@code false} turns a built-in gate off; absent keeps it on with defaults. */
    private boolean off(JsonNode node, String key) {
      if (node.isBoolean()) {
        if (node.booleanValue()) {
          throw error(
              key,
              "true is not a setting; write a mapping (e.g. {max: 10s}) or omit the key for the defaults");
        }
        return true;
      }
      if (node.isTextual()
          && Set.of("off", "false", "no").contains(node.textValue().toLowerCase(Locale.ROOT))) {
        return true;
      }
      return false;
    }

    Optional<ReplicationLagGate> replicationLag(JsonNode gates, Duration timeout) {
      JsonNode node = absent(gates) ? null : gates.get("replication_lag");
      String key = "rollout.gates.replication_lag";
      if (absent(node)) {
        return Optional.of(
            new ReplicationLagGate(DEFAULT_MAX_REPLICATION_LAG, OptionalLong.empty(), timeout));
      }
      if (off(node, key)) {
        return Optional.empty();
      }
      object(node, key, Set.of("max", "max_bytes"));
      Duration max = duration(node.get("max"), key + ".max", DEFAULT_MAX_REPLICATION_LAG);
      JsonNode bytes = node.get("max_bytes");
      OptionalLong maxBytes =
          absent(bytes)
              ? OptionalLong.empty()
              : OptionalLong.of(nonNegativeLong(bytes, key + ".max_bytes"));
      return Optional.of(new ReplicationLagGate(max, maxBytes, timeout));
    }

    Optional<BlockedSessionsGate> blockedSessions(JsonNode gates, Duration timeout) {
      JsonNode node = absent(gates) ? null : gates.get("blocked_sessions");
      String key = "rollout.gates.blocked_sessions";
      if (absent(node)) {
        return Optional.of(new BlockedSessionsGate(0, DEFAULT_LONGER_THAN, timeout));
      }
      if (off(node, key)) {
        return Optional.empty();
      }
      object(node, key, Set.of("max", "longer_than"));
      JsonNode max = node.get("max");
      int count =
          absent(max) ? 0 : (int) Math.min(Integer.MAX_VALUE, nonNegativeLong(max, key + ".max"));
      return Optional.of(
          new BlockedSessionsGate(
              count,
              duration(node.get("longer_than"), key + ".longer_than", DEFAULT_LONGER_THAN),
              timeout));
    }

    List<CustomSqlGate> custom(JsonNode gates, Duration timeout) {
      JsonNode node = absent(gates) ? null : gates.get("custom");
      String key = "rollout.gates.custom";
      if (absent(node)) {
        return List.of();
      }
      if (!node.isArray()) {
        throw error(key, "expected a list of {name, sql}, got " + kind(node));
      }
      List<CustomSqlGate> out = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String at = key + "[" + i + "]";
        object(item, at, Set.of("name", "sql", "phases", "timeout"));
        String name = text(item.get("name"), at + ".name");
        if (!GATE_NAME.matcher(name).matches()) {
          throw error(
              at + ".name",
              "\"" + name + "\" must be lowercase letters, digits, '-' or '_' (at most 63)");
        }
        if (!names.add(name)) {
          throw error(at + ".name", "\"" + name + "\" is already the name of another custom gate");
        }
        at = key + "[" + name + "]";
        String sql = text(item.get("sql"), at + ".sql");
        Set<PhaseKind> phases = phases(item.get("phases"), at + ".phases");
        Duration t = duration(item.get("timeout"), at + ".timeout", timeout);
        out.add(new CustomSqlGate(name, sql, phases, t));
      }
      return out;
    }

    ContractGateSettings contractGate(JsonNode node) {
      String key = "rollout.contract_gate";
      if (absent(node)) {
        return ContractGateSettings.defaults();
      }
      object(node, key, Set.of("namespaces", "kubeconfig", "context", "timeout"));
      List<String> namespaces = new ArrayList<>();
      JsonNode ns = node.get("namespaces");
      if (!absent(ns)) {
        if (!ns.isArray()) {
          throw error(key + ".namespaces", "expected a list of namespace names, got " + kind(ns));
        }
        if (ns.isEmpty()) {
          throw error(
              key + ".namespaces",
              "an empty list would read no pod; omit the key to read all namespaces");
        }
        for (int i = 0; i < ns.size(); i++) {
          String name = text(ns.get(i), key + ".namespaces[" + i + "]");
          if (!NAMESPACE.matcher(name).matches()) {
            throw error(
                key + ".namespaces[" + i + "]",
                "\"" + name + "\" is not a namespace name (a DNS-1123 label)");
          }
          if (namespaces.contains(name)) {
            throw error(key + ".namespaces[" + i + "]", "\"" + name + "\" is listed twice");
          }
          namespaces.add(name);
        }
      }
      JsonNode kc = node.get("kubeconfig");
      Optional<Path> kubeconfig =
          absent(kc) ? Optional.empty() : Optional.of(path(text(kc, key + ".kubeconfig")));
      JsonNode ctx = node.get("context");
      Optional<String> context =
          absent(ctx) ? Optional.empty() : Optional.of(text(ctx, key + ".context"));
      Duration timeout =
          duration(node.get("timeout"), key + ".timeout", ContractGateSettings.DEFAULT_TIMEOUT);
      return new ContractGateSettings(namespaces, kubeconfig, context, timeout);
    }

    private static Path path(String text) {
      if (text.equals("~") || text.startsWith("~/")) {
        return Path.of(System.getProperty("user.home"))
            .resolve(text.substring(Math.min(2, text.length())));
      }
      return Path.of(text);
    }

    private Set<PhaseKind> phases(JsonNode node, String key) {
      if (absent(node)) {
        return Set.of();
      }
      if (!node.isArray() || node.isEmpty()) {
        throw error(
            key,
            "expected a non-empty list of expand, backfill, contract; omit the key for every phase");
      }
      Set<PhaseKind> out = EnumSet.noneOf(PhaseKind.class);
      for (int i = 0; i < node.size(); i++) {
        String id = text(node.get(i), key + "[" + i + "]");
        try {
          out.add(PhaseKind.fromId(id));
        } catch (IllegalArgumentException e) {
          throw error(
              key + "[" + i + "]",
              "\"" + id + "\" is not a phase; expected expand, backfill or contract");
        }
      }
      return out;
    }

    private String text(JsonNode node, String key) {
      if (absent(node)) {
        throw error(key, "is required");
      }
      if (!node.isTextual() || node.textValue().isBlank()) {
        throw error(key, "expected a non-empty string, got " + kind(node));
      }
      return node.textValue().strip();
    }

    private long nonNegativeLong(JsonNode node, String key) {
      if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
        throw error(key, "expected a whole number 0 or more, got " + kind(node));
      }
      return node.longValue();
    }

    private Duration duration(JsonNode node, String key, Duration fallback) {
      if (absent(node)) {
        return fallback;
      }
      if (node.isIntegralNumber()) {
        throw error(
            key,
            node.asText()
                + " has no unit; write e.g. "
                + node.asText()
                + "s or "
                + node.asText()
                + "ms");
      }
      if (!node.isTextual()) {
        throw error(key, "expected a duration such as 10s, got " + kind(node));
      }
      try {
        return Durations.parse(node.textValue());
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    }

    private static String kind(JsonNode node) {
      if (node.isTextual()) {
        return "\"" + node.textValue() + "\"";
      }
      if (node.isObject()) {
        return "a mapping";
      }
      if (node.isArray()) {
        return "a list";
      }
      return node.toString();
    }
  }

  /** For messages and {@code plan}: one line per configured gate. */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    replicationLag.ifPresent(
        g ->
            out.put(
                g.name(),
                "replay lag at most "
                    + Durations.format(g.max())
                    + g.maxBytes().stream()
                        .mapToObj(b -> ", at most " + b + " bytes behind")
                        .findFirst()
                        .orElse("")));
    blockedSessions.ifPresent(
        g ->
            out.put(
                g.name(),
                "at most "
                    + g.max()
                    + " session(s) waiting on locks longer than "
                    + Durations.format(g.longerThan())));
    for (CustomSqlGate g : custom) {
      out.put(
          g.name(),
          g.phases().isEmpty()
              ? "before every phase"
              : "before " + g.phases().stream().map(PhaseKind::id).sorted().toList());
    }
    out.put(
        "contract",
        "no running pod in "
            + (contractGate.namespaces().isEmpty()
                ? "all namespaces"
                : String.join(", ", contractGate.namespaces()))
            + " may require a version below the one contracted");
    return out;
  }
}
