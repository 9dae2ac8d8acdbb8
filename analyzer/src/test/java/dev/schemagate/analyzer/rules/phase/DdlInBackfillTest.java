package dev.schemagate.analyzer.rules.phase;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** phase/ddl-in-backfill on real SQL (docs/rules/phase/ddl-in-backfill.md). */
class DdlInBackfillTest {

  private static final String RULE = "phase/ddl-in-backfill";

  @TempDir Path dir;

  @Test
  void createIndexInBackfill() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_status/backfill.sql",
                """
        UPDATE orders SET status = 'open' WHERE id >= $1 AND id < $2 AND status IS NULL;
        CREATE INDEX orders_created_at_idx ON orders (created_at);
        """)
            .check();
    assertFires(r, RULE, path("0002_status/backfill.sql"), 2);
  }

  @Test
  void everySchemaChangeInBackfill() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_status/backfill.sql",
                """
        ALTER TABLE orders ADD COLUMN note text;
        CREATE TABLE order_notes (id bigint PRIMARY KEY);
        CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open';
        """)
            .check();
    String f = path("0002_status/backfill.sql");
    assertFiresAt(r, RULE, f + ":1", f + ":2", f + ":3");
  }

  @Test
  void indexConcurrentlyInExpandIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_status/expand.sql",
                """
            -- schemagate:phase transactional=false
            CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);
            """)
            .file(
                "0002_status/backfill.sql",
                """
            SET statement_timeout = '30s';
            UPDATE orders SET status = 'open' WHERE id >= $1 AND id < $2 AND status IS NULL;
            ANALYZE orders;
            CREATE TEMPORARY TABLE batch_ids (id bigint);
            DO $$ BEGIN PERFORM pg_sleep(0); END $$;
            COMMENT ON COLUMN orders.status IS 'open, paid or cancelled';
            """)
            .check();
    assertSilent(r, RULE);
  }
}
