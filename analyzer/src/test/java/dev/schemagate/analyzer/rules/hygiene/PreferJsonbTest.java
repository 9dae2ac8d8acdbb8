package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/prefer-jsonb on real SQL (docs/rules/hygiene/prefer-jsonb.md). */
class PreferJsonbTest {

  private static final String RULE = "hygiene/prefer-jsonb";

  @TempDir Path dir;

  @Test
  void addColumnAndCreateTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_col/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN payload json;\n")
            .file(
                "0003_table/expand.sql",
                "CREATE TABLE events (id bigint PRIMARY KEY,\n  payload json);\n")
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
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN payload jsonb;\n")
            .check();
    assertSilent(r, RULE);
  }
}
