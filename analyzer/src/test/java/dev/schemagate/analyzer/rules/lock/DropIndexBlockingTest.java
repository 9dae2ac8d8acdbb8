package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/drop-index-blocking on real SQL (docs/rules/lock/drop-index-blocking.md). */
class DropIndexBlockingTest {

  private static final String RULE = "lock/drop-index-blocking";

  @TempDir Path dir;

  @Test
  void dropIndexWithoutConcurrently() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_drop_status_index/contract.sql",
                """
        SET lock_timeout = '2s';
        DROP INDEX orders_status_idx;
        """)
            .check();
    assertFires(r, RULE, path("0002_drop_status_index/contract.sql"), 2);
  }

  @Test
  void dropIndexConcurrentlyInANonTransactionalPhaseIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_drop_status_index/contract.sql",
                """
        -- schemagate:phase transactional=false
        SET lock_timeout = '2s';
        DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;
        """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/concurrently-in-transaction");
  }

  @Test
  void indexCreatedEarlierInTheSameFile() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);
        CREATE INDEX notes_body_idx ON notes (body);
        DROP INDEX notes_body_idx;
        """)
            .check();
    assertSilent(r, RULE);
  }
}
