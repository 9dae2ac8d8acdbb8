package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/drop-table on real SQL (docs/rules/compat/drop-table.md). */
class DropTableTest {

  private static final String RULE = "compat/drop-table";
  private static final String SESSIONS =
      "CREATE TABLE legacy_sessions (id bigint PRIMARY KEY, token text NOT NULL);\n";

  @TempDir Path dir;

  @Test
  void dropTableInExpand() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_sessions/expand.sql", SESSIONS)
            .file("0002_drop_sessions/expand.sql", "DROP TABLE legacy_sessions;\n")
            .check();
    assertFires(r, RULE, path("0002_drop_sessions/expand.sql"), 1);
  }

  @Test
  void dropTableInContractIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_sessions/expand.sql", SESSIONS)
            .file("0002_drop_sessions/contract.sql", "DROP TABLE IF EXISTS legacy_sessions;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void tableCreatedEarlierInTheSamePhase() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_scratch/expand.sql", SESSIONS + "DROP TABLE legacy_sessions;\n")
            .check();
    assertSilent(r, RULE);
  }
}
