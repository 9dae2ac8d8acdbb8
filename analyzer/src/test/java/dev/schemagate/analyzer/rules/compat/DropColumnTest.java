package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/drop-column on real SQL (docs/rules/compat/drop-column.md). */
class DropColumnTest {

  private static final String RULE = "compat/drop-column";

  @TempDir Path dir;

  @Test
  void dropColumnInExpand() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_drop_legacy_ref/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE customers DROP COLUMN legacy_ref;
        """)
            .check();
    assertFires(r, RULE, path("0002_drop_legacy_ref/expand.sql"), 2);
  }

  @Test
  void dropColumnInBackfill() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_drop_legacy_ref/backfill.sql",
                """
        ALTER TABLE customers DROP COLUMN legacy_ref;
        """)
            .check();
    assertFires(r, RULE, path("0002_drop_legacy_ref/backfill.sql"), 1);
  }

  @Test
  void dropColumnInContractIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_drop_legacy_ref/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE customers DROP COLUMN legacy_ref;
        """)
            .check();
    assertSilent(r, RULE);
  }
}
