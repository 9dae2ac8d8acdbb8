package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/scan-under-exclusive-lock on real SQL (docs/rules/lock/scan-under-exclusive-lock.md). */
class ScanUnderExclusiveLockTest {

  private static final String RULE = "lock/scan-under-exclusive-lock";

  @TempDir Path dir;

  @Test
  void setNotNullScans() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_require_status/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
        """)
            .check();
    assertFires(r, RULE, path("0002_require_status/contract.sql"), 2);
  }

  /**
   * Issue 13: two SET NOT NULL in one statement made the rule's hint a `var assignment conflict`.
   */
  @Test
  void severalSetNotNullInOneStatementAreOneFindingWithOneHint() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_require/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ALTER COLUMN status SET NOT NULL, ALTER COLUMN ref SET NOT NULL;
        """)
            .check();
    var f = assertFires(r, RULE, path("0002_require/contract.sql"), 2);
    org.junit.jupiter.api.Assertions.assertTrue(
        f.hint().contains("CHECK (status IS NOT NULL) NOT VALID")
            && f.hint().endsWith(" Likewise for ref."),
        f.hint());
  }

  @Test
  void reindexConcurrentlyScansUnderShareUpdateExclusiveNotUnderItsFinalAccessExclusive() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_reindex/expand.sql",
                """
        -- schemagate:phase transactional=false
        REINDEX INDEX CONCURRENTLY orders_status_idx;
        """)
            .check();
    assertSilent(r, RULE);
  }

  /** Issue 13: one finding per problem; the blocking rebuilds have their own rules. */
  @Test
  void blockingReindexAndRefreshAreReportedOnlyByTheirOwnRules() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_sales/expand.sql",
                """
            CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
            """)
            .file(
                "0003_rebuild/contract.sql",
                """
            SET lock_timeout = '2s';
            REINDEX INDEX orders_status_idx;
            REFRESH MATERIALIZED VIEW order_totals;
            """)
            .check();
    assertFires(r, "lock/reindex-blocking", path("0003_rebuild/contract.sql"), 2);
    assertFires(r, "lock/refresh-matview-blocking", path("0003_rebuild/contract.sql"), 3);
    assertSilent(r, RULE);
  }

  @Test
  void setNotNullProvenByAValidatedCheckIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_require_status/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
            """)
            .file(
                "0002_require_status/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;
            """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void aCheckNotYetValidatedProvesNothing() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_require_status/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
            """)
            .file(
                "0002_require_status/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            """)
            .check();
    assertFires(r, RULE, path("0002_require_status/contract.sql"), 2);
  }

  @Test
  void setNotNullOnAColumnAlreadyNotNullDoesNotScan() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_noop/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void addCheckWithoutNotValidScans() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_positive_total/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);
        """)
            .check();
    assertFires(r, RULE, path("0002_positive_total/expand.sql"), 2);
  }

  @Test
  void addCheckNotValidThenValidateLaterDoesNotScanUnderTheLock() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_positive_total/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
            """)
            .file(
                "0002_positive_total/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
            """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void notNullConstraintNotValidOnPostgres18() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .pg(18)
            .file(
                "0002_require_status/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_status_not_null NOT NULL status NOT VALID;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void notNullConstraintWithoutNotValidOnPostgres18Scans() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .pg(18)
            .file(
                "0002_require_status/contract.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_status_not_null NOT NULL status;
        """)
            .check();
    assertFires(r, RULE, path("0002_require_status/contract.sql"), 2);
  }

  @Test
  void setNotNullProvenByAValidatedNotNullConstraintOnPostgres18() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .pg(18)
            .file(
                "0002_require_status/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_status_not_null NOT NULL status NOT VALID;
            """)
            .file(
                "0002_require_status/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            """)
            .check();
    assertSilent(r, RULE);
  }
}
