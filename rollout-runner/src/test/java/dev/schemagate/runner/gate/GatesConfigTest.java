package dev.schemagate.runner.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemagate.analyzer.repo.PhaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** rollout.gates and rollout.contract_gate, from schemagate.yaml text. */
class GatesConfigTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static GatesConfig parse(String yaml) throws Exception {
    JsonNode root = YAML.readTree(yaml);
    JsonNode rollout = root == null ? null : root.path("rollout");
    return GatesConfig.parse(
        rollout == null ? null : rollout.get("gates"),
        rollout == null ? null : rollout.get("contract_gate"),
        "schemagate.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(GatesConfig.GatesConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void everySettingIsRead() throws Exception {
    GatesConfig c =
        parse(
            """
        protected_branch: main
        rollout:
          gates:
            statement_timeout: 3s
            replication_lag: {max: 1.5s, max_bytes: 104857600}
            blocked_sessions: {max: 2, longer_than: 500ms}
            custom:
              - name: no-long-transactions
                sql: SELECT count(*) = 0 FROM pg_stat_activity WHERE xact_start < now() - interval '5 minutes'
                phases: [contract, backfill]
              - {name: ping, sql: SELECT true, timeout: 1m}
          contract_gate:
            namespaces: [shop, billing]
            kubeconfig: /etc/schemagate/kubeconfig
            context: prod-eu
            timeout: 20s
        """);
    assertEquals(Duration.ofMillis(1500), c.replicationLag().orElseThrow().max());
    assertEquals(OptionalLong.of(104857600), c.replicationLag().orElseThrow().maxBytes());
    assertEquals(2, c.blockedSessions().orElseThrow().max());
    assertEquals(Duration.ofMillis(500), c.blockedSessions().orElseThrow().longerThan());
    assertEquals(
        List.of("custom:no-long-transactions", "custom:ping"),
        c.custom().stream().map(Gate::name).toList());
    assertEquals(Set.of(PhaseKind.CONTRACT, PhaseKind.BACKFILL), c.custom().get(0).phases());
    assertEquals(Set.of(), c.custom().get(1).phases());
    assertEquals(
        List.of(
            "replication-lag", "blocked-sessions", "custom:no-long-transactions", "custom:ping"),
        c.healthGates().stream().map(Gate::name).toList());
    assertEquals(
        new ContractGateSettings(
            List.of("shop", "billing"),
            Optional.of(Path.of("/etc/schemagate/kubeconfig")),
            Optional.of("prod-eu"),
            Duration.ofSeconds(20)),
        c.contractGate());
  }

  @Test
  void describeListsEachGateForPlan() throws Exception {
    GatesConfig c =
        parse(
            """
        rollout:
          gates:
            replication_lag: {max: 30s, max_bytes: 1024}
            custom: [{name: ping, sql: SELECT true, phases: [contract]}]
          contract_gate: {namespaces: [shop]}
        """);
    assertEquals(
        Map.of(
            "replication-lag", "replay lag at most 30s, at most 1024 bytes behind",
            "blocked-sessions", "at most 0 session(s) waiting on locks longer than 1s",
            "custom:ping", "before [contract]",
            "contract", "no running pod in shop may require a version below the one contracted"),
        c.describe());
    assertEquals(
        List.of("replication-lag", "blocked-sessions", "custom:ping", "contract"),
        List.copyOf(c.describe().keySet()));
  }

  @Test
  void absentSectionsGiveTheDefaults() throws Exception {
    GatesConfig c = parse("protected_branch: main\n");
    assertEquals(Duration.ofSeconds(10), c.replicationLag().orElseThrow().max());
    assertEquals(OptionalLong.empty(), c.replicationLag().orElseThrow().maxBytes());
    assertEquals(0, c.blockedSessions().orElseThrow().max());
    assertEquals(Duration.ofSeconds(1), c.blockedSessions().orElseThrow().longerThan());
    assertEquals(List.of(), c.custom());
    assertEquals(ContractGateSettings.defaults(), c.contractGate());
    assertEquals(GatesConfig.defaults(), c);
  }

  @Test
  void builtInGatesCanBeTurnedOff() throws Exception {
    GatesConfig c =
        parse(
            """
        rollout:
          gates:
            replication_lag: off
            blocked_sessions: false
        """);
    assertEquals(Optional.empty(), c.replicationLag());
    assertEquals(Optional.empty(), c.blockedSessions());
    assertEquals(List.of(), c.healthGates());
  }

  @Test
  void badValuesNameTheKey() {
    assertEquals(
        "schemagate.yaml: rollout.gates.replication_lag.max: \"10 sec\" is not a duration; write e.g. 500ms, 10s, 1.5s, 2m, 2min, 1h",
        error("rollout: {gates: {replication_lag: {max: 10 sec}}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.blocked_sessions.longer_than: 2 has no unit; write e.g. 2s or 2ms",
        error("rollout: {gates: {blocked_sessions: {longer_than: 2}}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.blocked_sessions.max: expected a whole number 0 or more, got -1",
        error("rollout: {gates: {blocked_sessions: {max: -1}}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.replication_lag.maximum: unknown key; allowed: max, max_bytes",
        error("rollout: {gates: {replication_lag: {maximum: 10s}}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.replication_lag: true is not a setting; write a mapping (e.g. {max: 10s}) or omit the key for the defaults",
        error("rollout: {gates: {replication_lag: true}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.lag: unknown key; allowed: blocked_sessions, custom, replication_lag, statement_timeout",
        error("rollout: {gates: {lag: {max: 1s}}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.custom[ping].sql: is required",
        error("rollout: {gates: {custom: [{name: ping}]}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.custom[1].name: \"ping\" is already the name of another custom gate",
        error(
            "rollout: {gates: {custom: [{name: ping, sql: SELECT true}, {name: ping, sql: SELECT true}]}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.custom[0].name: \"No Spaces\" must be lowercase letters, digits, '-' or '_' (at most 63)",
        error("rollout: {gates: {custom: [{name: No Spaces, sql: SELECT true}]}}"));
    assertEquals(
        "schemagate.yaml: rollout.gates.custom[ping].phases[0]: \"rollback\" is not a phase; expected expand, backfill or contract",
        error("rollout: {gates: {custom: [{name: ping, sql: SELECT true, phases: [rollback]}]}}"));
    assertEquals(
        "schemagate.yaml: rollout.contract_gate.namespaces: an empty list would read no pod; omit the key to read all namespaces",
        error("rollout: {contract_gate: {namespaces: []}}"));
    assertEquals(
        "schemagate.yaml: rollout.contract_gate.namespaces[1]: \"Shop_1\" is not a namespace name (a DNS-1123 label)",
        error("rollout: {contract_gate: {namespaces: [billing, Shop_1]}}"));
    assertEquals(
        "schemagate.yaml: rollout.contract_gate.namespaces: expected a list of namespace names, got \"shop\"",
        error("rollout: {contract_gate: {namespaces: shop}}"));
    assertEquals(
        "schemagate.yaml: rollout.contract_gate.override: unknown key; allowed: context, kubeconfig, namespaces, timeout",
        error("rollout: {contract_gate: {override: yes}}"));
  }
}
