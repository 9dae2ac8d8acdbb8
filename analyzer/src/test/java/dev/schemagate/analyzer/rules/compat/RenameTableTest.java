package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/rename-table on real SQL (docs/rules/compat/rename-table.md). */
class RenameTableTest {

  private static final String RULE = "compat/rename-table";

  @TempDir Path dir;

  @Test
  void renameTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_rename_customers/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE customers RENAME TO clients;
        """)
            .check();
    assertFires(r, RULE, path("0002_rename_customers/expand.sql"), 2);
  }

  @Test
  void renameWithACompatibilityViewIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_rename_customers/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE customers RENAME TO clients;
            CREATE VIEW customers AS SELECT * FROM clients;
            """)
            .file("0003_drop_customers_view/contract.sql", "DROP VIEW customers;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void aViewOfAnotherNameDoesNotKeepOldCodeWorking() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_rename_customers/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE customers RENAME TO clients;
        CREATE VIEW customer_list AS SELECT * FROM clients;
        """)
            .check();
    assertFires(r, RULE, path("0002_rename_customers/expand.sql"), 2);
  }
}
