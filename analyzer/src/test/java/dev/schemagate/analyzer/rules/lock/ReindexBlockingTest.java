package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/reindex-blocking on real SQL (docs/rules/lock/reindex-blocking.md). */
class ReindexBlockingTest {

  private static final String RULE = "lock/reindex-blocking";

  @TempDir Path dir;

  @Test
  void reindexIndexWithoutConcurrently() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_reindex/expand.sql",
                """
        SET lock_timeout = '2s';
        REINDEX INDEX orders_status_idx;
        """)
            .check();
    assertFires(r, RULE, path("0002_reindex/expand.sql"), 2);
  }

  @Test
  void reindexTableWithoutConcurrently() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_reindex/expand.sql",
                """
        SET lock_timeout = '2s';
        REINDEX TABLE orders;
        """)
            .check();
    assertFires(r, RULE, path("0002_reindex/expand.sql"), 2);
  }

  @Test
  void reindexConcurrentlyInANonTransactionalPhaseIsTheSafeRewrite() {
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
    assertSilent(r, "lock/concurrently-in-transaction");
  }
}
