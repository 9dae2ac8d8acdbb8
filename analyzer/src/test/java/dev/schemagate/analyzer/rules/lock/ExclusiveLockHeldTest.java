package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/exclusive-lock-held on real SQL (docs/rules/lock/exclusive-lock-held.md). */
class ExclusiveLockHeldTest {

  private static final String RULE = "lock/exclusive-lock-held";

  @TempDir Path dir;

  @Test
  void slowIndexBuildAfterAnAccessExclusiveLock() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_note/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN note text;
        CREATE INDEX orders_created_idx ON orders (created_at);
        """)
            .check();
    assertFires(r, RULE, path("0002_note/expand.sql"), 3);
  }

  @Test
  void accessExclusiveOnASecondTableIsReportedOnce() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_notes/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN note text;
        ALTER TABLE customers ADD COLUMN note text;
        ALTER TABLE customers ADD COLUMN note2 text;
        """)
            .check();
    assertFires(r, RULE, path("0002_notes/expand.sql"), 3);
  }

  @Test
  void oneSlowStepPerTransactionIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_note/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN note text;
            """)
            .file(
                "0003_created_index/expand.sql",
                """
            -- schemagate:phase transactional=false
            SET lock_timeout = '2s';
            CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
            """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void nonTransactionalPhaseReleasesEachLock() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_notes/expand.sql",
                """
        -- schemagate:phase transactional=false
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN note text;
        ALTER TABLE customers ADD COLUMN note text;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void bulkUpdateAfterTheLockAndAValidationScan() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_status/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ALTER COLUMN quantity SET DEFAULT 2;
        UPDATE orders SET status = 'open' WHERE status IS NULL;
        ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);
        """)
            .check();
    String f = path("0002_status/contract.sql");
    assertFiresAt(r, RULE, f + ":3", f + ":4");
  }

  @Test
  void slowWorkBeforeTheLockIsNotHeldUnderIt() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_status/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
            """)
            .file(
                "0002_status/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
            ALTER TABLE orders ALTER COLUMN quantity SET DEFAULT 2;
            """)
            .check();
    assertSilent(r, RULE);
  }
}
