package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/set-not-null-early on real SQL (docs/rules/compat/set-not-null-early.md). */
class SetNotNullEarlyTest {

  private static final String RULE = "compat/set-not-null-early";

  @TempDir Path dir;

  @Test
  void setNotNullInExpand() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_require_status/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
        """)
            .check();
    assertFires(r, RULE, path("0002_require_status/expand.sql"), 2);
  }

  @Test
  void notNullConstraintInExpandOnPostgres18() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .pg(18)
            .file(
                "0002_require_status/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_status_not_null NOT NULL status NOT VALID;
        """)
            .check();
    assertFires(r, RULE, path("0002_require_status/expand.sql"), 2);
  }

  @Test
  void contractPhasesAreTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_require_status/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
            """)
            .file(
                "0003_require_status/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/scan-under-exclusive-lock");
  }
}
