package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/prefer-timestamptz on real SQL (docs/rules/hygiene/prefer-timestamptz.md). */
class PreferTimestamptzTest {

  private static final String RULE = "hygiene/prefer-timestamptz";

  @TempDir Path dir;

  @Test
  void addColumnAndCreateTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_col/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN shipped_at timestamp;\n")
            .file(
                "0003_table/expand.sql",
                "CREATE TABLE events (id bigint PRIMARY KEY,\n  shipped_at timestamp);\n")
            .check();
    assertFiresAt(
        r, RULE, path("0002_col/expand.sql") + ":2", path("0003_table/expand.sql") + ":1");
  }

  @Test
  void safeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_col/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void longSpellingAndPrecision() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE events (id bigint PRIMARY KEY, at timestamp without time zone, at3 timestamp(3),
          ok timestamp with time zone, ok3 timestamptz(3));
        """)
            .check();
    assertFiresAt(
        r, RULE, path("0001_create/expand.sql") + ":1", path("0001_create/expand.sql") + ":1");
  }
}
