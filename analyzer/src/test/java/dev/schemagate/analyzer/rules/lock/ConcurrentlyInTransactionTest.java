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

/**
 * lock/concurrently-in-transaction on real SQL (docs/rules/lock/concurrently-in-transaction.md).
 */
class ConcurrentlyInTransactionTest {

  private static final String RULE = "lock/concurrently-in-transaction";

  @TempDir Path dir;

  @Test
  void createIndexConcurrentlyInATransactionalPhase() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_index_created_at/expand.sql",
                """
        SET lock_timeout = '2s';
        CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);
        """)
            .check();
    assertFires(r, RULE, path("0002_index_created_at/expand.sql"), 2);
  }

  @Test
  void everyNonTransactionalStatementIsReported() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_maintenance/contract.sql",
                """
        SET lock_timeout = '2s';
        DROP INDEX CONCURRENTLY orders_status_idx;
        REINDEX INDEX CONCURRENTLY orders_customer_id_idx;
        VACUUM orders;
        """)
            .check();
    String file = path("0002_maintenance/contract.sql");
    assertFiresAt(r, RULE, file + ":2", file + ":3", file + ":4");
  }

  @Test
  void transactionalFalseIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_index_created_at/expand.sql",
                """
        -- schemagate:phase transactional=false
        SET lock_timeout = '2s';
        CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);
        """)
            .check();
    assertSilent(r, RULE);
  }
}
