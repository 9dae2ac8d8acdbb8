package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemagateConfigTest {

  @TempDir Path dir;
  TempFiles files;

  @BeforeEach
  void folders() {
    files = new TempFiles(dir);
    files.mkdir("migrations/orders");
    files.mkdir("db/users");
  }

  private SchemagateConfig load(String yaml) {
    files.write("schemagate.yaml", yaml);
    return SchemagateConfig.load(dir);
  }

  private RepositoryException fails(String yaml) {
    files.write("schemagate.yaml", yaml);
    return assertThrows(RepositoryException.class, () -> SchemagateConfig.load(dir));
  }

  @Test
  void minimalTrackGetsDefaults() {
    SchemagateConfig config = load("tracks:\n  orders:\n    pg_version: 16\n");
    assertEquals("main", config.protectedBranch());
    TrackConfig orders = config.track("orders");
    assertEquals(Path.of("migrations/orders"), orders.folder());
    assertEquals(16, orders.pgVersion());
    assertEquals("public", orders.defaultSchema());
    assertEquals(PolicySettings.DEFAULTS, orders.policy());
  }

  @Test
  void tracksInheritTheTopLevelPolicyAndOverrideItKeyByKey() {
    files.mkdir("policy/custom");
    files.write("policy/team.wasm", new byte[] {0, 'a', 's', 'm'});
    files.write("policy/org.tar.gz", new byte[] {31, -117});
    SchemagateConfig config =
        load(
            """
            protected_branch: release
            policy:
              severity:
                lock/table-rewrite: warning
                hygiene/prefer-text: off
                compat/rename-column: info
              thresholds:
                max_rows: 1000000
                statement_timeout: 5s
              runner_sets_lock_timeout: true
              custom: [policy/custom, policy/org.tar.gz]
            tracks:
              orders:
                pg_version: 17
              users:
                folder: db/users
                pg_version: 14
                default_schema: accounts
                policy:
                  severity:
                    lock/table-rewrite: error
                    hygiene/prefer-text: info
                    compat/rename-column: off
                  thresholds:
                    max_rows: 5000
                  runner_sets_lock_timeout: false
                  custom: [policy/team.wasm]
            """);
    assertEquals("release", config.protectedBranch());
    assertEquals(List.of("orders", "users"), config.trackNames());

    PolicySettings orders = config.track("orders").policy();
    assertEquals(config.policy(), orders);
    assertEquals(
        Optional.of(Severity.WARNING), orders.severityFor("lock/table-rewrite", Severity.ERROR));
    assertEquals(Optional.empty(), orders.severityFor("hygiene/prefer-text", Severity.INFO));
    assertEquals(Optional.of(Severity.ERROR), orders.severityFor("lock/other", Severity.ERROR));
    assertEquals(Map.of("max_rows", 1000000, "statement_timeout", "5s"), orders.thresholds());
    assertTrue(orders.runnerSetsLockTimeout());
    assertEquals(
        List.of(
            dir.resolve("policy/custom").toAbsolutePath(),
            dir.resolve("policy/org.tar.gz").toAbsolutePath()),
        orders.custom());

    TrackConfig users = config.track("users");
    assertEquals(Path.of("db/users"), users.folder());
    assertEquals("accounts", users.defaultSchema());
    PolicySettings p = users.policy();
    assertEquals(
        Optional.of(Severity.ERROR), p.severityFor("lock/table-rewrite", Severity.WARNING));
    assertEquals(Optional.of(Severity.INFO), p.severityFor("hygiene/prefer-text", Severity.INFO));
    assertEquals(Optional.empty(), p.severityFor("compat/rename-column", Severity.ERROR));
    assertEquals(Map.of("max_rows", 5000, "statement_timeout", "5s"), p.thresholds());
    assertFalse(p.runnerSetsLockTimeout());
    assertEquals(List.of(dir.resolve("policy/team.wasm").toAbsolutePath()), p.custom());
  }

  @Test
  void unknownTopLevelKeyIsNamedWithFileAndLine() {
    RepositoryException e =
        fails("tracks:\n  orders:\n    pg_version: 16\nprotected_brnch: main\n");
    assertEquals("schemagate.yaml", e.file());
    assertEquals(4, e.line());
    assertTrue(
        e.getMessage()
            .startsWith("schemagate.yaml:4: unknown key \"protected_brnch\" at top level"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("protected_branch"), "lists the known keys: " + e.getMessage());
  }

  @Test
  void unknownTrackKeyNamesTheTrack() {
    RepositoryException e = fails("tracks:\n  orders:\n    pg_version: 16\n    pg_verison: 17\n");
    assertEquals(4, e.line());
    assertTrue(
        e.getMessage().contains("unknown key \"pg_verison\" in tracks.orders"), e.getMessage());
  }

  @Test
  void unknownPolicyKeyIsAnError() {
    RepositoryException e =
        fails("tracks:\n  orders:\n    pg_version: 16\n    policy:\n      severities: {}\n");
    assertEquals(5, e.line());
    assertTrue(
        e.getMessage().contains("unknown key \"severities\" in tracks.orders.policy"),
        e.getMessage());
  }

  @Test
  void unsupportedPgVersion() {
    RepositoryException e = fails("tracks:\n  orders:\n    pg_version: 12\n");
    assertEquals(
        "schemagate.yaml: track \"orders\": pg_version 12 is not supported (14–18)",
        e.getMessage());
    assertTrue(
        fails("tracks:\n  orders:\n    pg_version: 19\n")
            .getMessage()
            .contains("pg_version 19 is not supported"));
  }

  @Test
  void missingPgVersion() {
    assertEquals(
        "schemagate.yaml: track \"orders\": pg_version is missing",
        fails("tracks:\n  orders:\n    folder: migrations/orders\n").getMessage());
    assertEquals(
        "schemagate.yaml: track \"orders\": pg_version is missing",
        fails("tracks:\n  orders:\n").getMessage());
  }

  @Test
  void pgVersionOfTheWrongType() {
    RepositoryException e = fails("tracks:\n  orders:\n    pg_version: seventeen\n");
    assertEquals(3, e.line());
    assertTrue(
        e.getMessage().contains("tracks.orders.pg_version: \"seventeen\" is not an integer"),
        e.getMessage());
    RepositoryException fraction = fails("tracks:\n  orders:\n    pg_version: 16.5\n");
    assertTrue(fraction.getMessage().contains("tracks.orders.pg_version"), fraction.getMessage());
  }

  @Test
  void badSeverityValue() {
    RepositoryException e =
        fails(
            "tracks:\n  orders:\n    pg_version: 16\n    policy:\n      severity:\n        lock/table-rewrite: fatal\n");
    assertEquals(
        "schemagate.yaml: track \"orders\": policy.severity.\"lock/table-rewrite\": \"fatal\" is not one of error, warning, info, off",
        e.getMessage());
  }

  @Test
  void badRuleId() {
    RepositoryException e =
        fails(
            "policy:\n  severity:\n    table-rewrite: off\ntracks:\n  orders:\n    pg_version: 16\n");
    assertEquals(
        "schemagate.yaml: policy.severity: \"table-rewrite\" is not a rule id (category/name)",
        e.getMessage());
  }

  @Test
  void thresholdMustBeAScalar() {
    RepositoryException e =
        fails(
            "policy:\n  thresholds:\n    max_rows: [1, 2]\ntracks:\n  orders:\n    pg_version: 16\n");
    assertEquals(
        "schemagate.yaml: policy.thresholds.max_rows: must be a number, a string or true/false",
        e.getMessage());
  }

  @Test
  void folderProblems() {
    assertEquals(
        "schemagate.yaml: track \"orders\": folder \"migrations/nope\" does not exist",
        fails("tracks:\n  orders:\n    folder: migrations/nope\n    pg_version: 16\n")
            .getMessage());
    assertEquals(
        "schemagate.yaml: track \"orders\": folder \"../elsewhere\" must be a folder inside the repository",
        fails("tracks:\n  orders:\n    folder: ../elsewhere\n    pg_version: 16\n").getMessage());
    assertEquals(
        "schemagate.yaml: tracks \"orders\" and \"users\" share folder \"migrations/orders\"; each track needs its own folder",
        fails(
                "tracks:\n  orders:\n    pg_version: 16\n  users:\n    folder: migrations/orders\n    pg_version: 16\n")
            .getMessage());
  }

  @Test
  void nestedTrackFoldersAreRejected() {
    files.mkdir("migrations/orders/archive");
    RepositoryException e =
        fails(
            "tracks:\n  orders:\n    pg_version: 16\n  old:\n    folder: migrations/orders/archive\n    pg_version: 16\n");
    assertTrue(e.getMessage().contains("share folder \"migrations/orders\""), e.getMessage());
  }

  @Test
  void customPolicyProblems() {
    files.write("policy/readme.txt", "not a policy");
    assertEquals(
        "schemagate.yaml: policy.custom: \"policy/missing\" does not exist",
        fails("policy:\n  custom: [policy/missing]\ntracks:\n  orders:\n    pg_version: 16\n")
            .getMessage());
    assertEquals(
        "schemagate.yaml: policy.custom: \"policy/readme.txt\" must be a folder of .rego files, a .wasm module or a .tar.gz bundle",
        fails("policy:\n  custom: [policy/readme.txt]\ntracks:\n  orders:\n    pg_version: 16\n")
            .getMessage());
  }

  @Test
  void trackNameMustBeUsableInAnnotations() {
    RepositoryException e = fails("tracks:\n  Orders:\n    pg_version: 16\n");
    assertTrue(
        e.getMessage()
            .startsWith(
                "schemagate.yaml: track \"Orders\": a track name must start with a lowercase letter"),
        e.getMessage());
  }

  @Test
  void structuralProblems() {
    assertEquals(
        "schemagate.yaml: no tracks defined: add at least one under \"tracks\"",
        fails("protected_branch: main\n").getMessage());
    assertEquals(
        "schemagate.yaml: no tracks defined: add at least one under \"tracks\"",
        fails("tracks: {}\n").getMessage());
    assertTrue(fails("").getMessage().startsWith("schemagate.yaml: is empty"));
    assertTrue(fails("# only a comment\n").getMessage().startsWith("schemagate.yaml: is empty"));
    assertTrue(fails("- a\n- b\n").getMessage().contains("must be a mapping"));
    assertEquals(
        "schemagate.yaml:2: tracks.orders: expected a mapping",
        fails("tracks:\n  orders: [unclosed\n").getMessage());
    RepositoryException yaml = fails("tracks:\n\torders:\n");
    assertEquals(2, yaml.line());
    assertTrue(
        yaml.getMessage().startsWith("schemagate.yaml:2: is not valid YAML: "), yaml.getMessage());
    RepositoryException dup = fails("tracks:\n  orders:\n    pg_version: 16\n    pg_version: 17\n");
    assertTrue(dup.getMessage().contains("pg_version"), dup.getMessage());
    assertEquals(4, dup.line());
  }

  @Test
  void missingFile() {
    RepositoryException e =
        assertThrows(RepositoryException.class, () -> SchemagateConfig.load(dir));
    assertEquals("schemagate.yaml", e.file());
    assertNull(e.line());
    assertTrue(e.getMessage().startsWith("schemagate.yaml: not found in "), e.getMessage());
  }

  @Test
  void messagesAreOneLine() {
    RepositoryException e = fails("tracks:\n  orders:\n    pg_version: [1,\n 2]\n");
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void rehearsalBudgetsAreReadAndDefaulted() {
    SchemagateConfig none = load("tracks:\n  orders:\n    pg_version: 16\n");
    assertEquals(RehearsalBudgets.DEFAULTS, none.rehearsal());
    SchemagateConfig config =
        load(
            "tracks:\n  orders:\n    pg_version: 16\nrehearsal:\n  max_stall: 500ms\n"
                + "  max_p99_ratio: 3\n  plan_regression: error\n  plan_cost_ratio: 1.5\n  large_table_rows: 5000\n");
    assertEquals(
        new RehearsalBudgets(
            java.util.Optional.of(java.time.Duration.ofMillis(500)),
            java.util.Optional.of(3.0),
            dev.schemagate.analyzer.check.Severity.ERROR,
            1.5,
            5000),
        config.rehearsal());
  }

  @Test
  void badRehearsalBudgetsAreOneLineErrors() {
    String track = "tracks:\n  orders:\n    pg_version: 16\nrehearsal:\n";
    assertEquals(
        "schemagate.yaml: rehearsal.max_stall: \"soon\" is not a duration; write e.g. "
            + Durations.EXAMPLES,
        fails(track + "  max_stall: soon\n").getMessage());
    assertEquals(
        "schemagate.yaml: rehearsal.plan_regression: \"fatal\" is not one of error, warning",
        fails(track + "  plan_regression: fatal\n").getMessage());
    assertEquals(
        "schemagate.yaml: rehearsal.max_p99_ratio: 0.5 is below 1; write the allowed p99 over the baseline's, e.g. 2.0",
        fails(track + "  max_p99_ratio: 0.5\n").getMessage());
    assertTrue(
        fails(track + "  max_stal: 1s\n")
            .getMessage()
            .contains("unknown key \"max_stal\" in rehearsal"));
  }
}
