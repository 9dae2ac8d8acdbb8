package dev.schemagate.analyzer.rules;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Severity overrides and {@code off} from schemagate.yaml (docs/migration-format.md), applied to
 * the findings of the real bundled rules; the track's block wins over the top-level one.
 */
class SeverityOverridesTest {

  private static final String FILE = "0002_index_created_at/expand.sql";
  private static final String INDEX =
      "SET lock_timeout = '2s';\nCREATE INDEX orders_created_at_idx ON orders (created_at);\n";

  @TempDir Path dir;

  @Test
  void defaultSeverityFailsTheCheck() {
    CheckResult r = RuleRepo.withTables(dir).file(FILE, INDEX).check();
    assertEquals(
        Severity.ERROR, assertFires(r, "lock/create-index-blocking", path(FILE), 2).severity());
    assertTrue(r.failed());
  }

  @Test
  void trackOverrideLowersAnErrorToAWarning() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .trackPolicy("severity:\n  lock/create-index-blocking: warning")
            .file(FILE, INDEX)
            .check();
    assertEquals(
        Severity.WARNING, assertFires(r, "lock/create-index-blocking", path(FILE), 2).severity());
    assertFalse(r.failed());
  }

  @Test
  void topLevelOverrideRaisesAWarningToAnError() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .topLevel("policy:\n  severity:\n    lock/missing-lock-timeout: error\n")
            .file(FILE, "ALTER TABLE orders ADD COLUMN note text;\n")
            .check();
    assertEquals(
        Severity.ERROR, assertFires(r, "lock/missing-lock-timeout", path(FILE), 1).severity());
    assertTrue(r.failed());
  }

  @Test
  void offSilencesTheRule() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .topLevel("policy:\n  severity:\n    lock/create-index-blocking: off\n")
            .file(FILE, INDEX)
            .check();
    assertSilent(r, "lock/create-index-blocking");
    assertFalse(r.failed());
  }

  @Test
  void trackBlockWinsOverTheTopLevelOne() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .topLevel(
                "policy:\n  severity:\n    lock/create-index-blocking: off\n    hygiene/prefer-jsonb: off\n")
            .trackPolicy("severity:\n  lock/create-index-blocking: info")
            .file(FILE, INDEX + "ALTER TABLE orders ADD COLUMN payload json;\n")
            .check();
    assertEquals(
        Severity.INFO, assertFires(r, "lock/create-index-blocking", path(FILE), 2).severity());
    assertSilent(r, "hygiene/prefer-jsonb");
  }

  @Test
  void infoRulesCanFailTheCheckWhenRaised() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .trackPolicy("severity:\n  hygiene/prefer-jsonb: error")
            .file(
                "0002_payload/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN payload json;\n")
            .check();
    assertEquals(
        Severity.ERROR,
        assertFires(r, "hygiene/prefer-jsonb", path("0002_payload/expand.sql"), 2).severity());
    assertTrue(r.failed());
  }
}
