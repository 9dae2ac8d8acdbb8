package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/rename-column on real SQL (docs/rules/compat/rename-column.md). */
class RenameColumnTest {

  private static final String RULE = "compat/rename-column";

  @TempDir Path dir;

  @Test
  void renameColumnInAnyPhase() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_rename_name/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE customers RENAME COLUMN full_name TO display_name;
            """)
            .file(
                "0003_rename_email/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE customers RENAME COLUMN email TO email_address;
            """)
            .check();
    assertFiresAt(
        r,
        RULE,
        path("0002_rename_name/expand.sql") + ":2",
        path("0003_rename_email/contract.sql") + ":2");
  }

  @Test
  void expandBackfillContractIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_display_name/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE customers ADD COLUMN display_name text;
            """)
            .file(
                "0002_display_name/backfill.sql",
                """
            UPDATE customers SET display_name = full_name WHERE id >= $1 AND id < $2 AND display_name IS NULL;
            """)
            .file(
                "0003_drop_full_name/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE customers DROP COLUMN full_name;
            """)
            .check();
    assertSilent(r, RULE);
  }
}
