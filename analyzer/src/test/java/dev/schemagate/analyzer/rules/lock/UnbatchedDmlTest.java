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

/** lock/unbatched-dml on real SQL (docs/rules/lock/unbatched-dml.md). */
class UnbatchedDmlTest {

  private static final String RULE = "lock/unbatched-dml";
  private static final String FILE = "0002_default_status/backfill.sql";

  @TempDir Path dir;

  @Test
  void updateOfAWholeTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(FILE, "UPDATE orders SET status = 'open' WHERE status IS NULL;\n")
            .check();
    assertFires(r, RULE, path(FILE), 1);
  }

  @Test
  void deleteInsertSelectAndMergeToo() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        DELETE FROM orders WHERE status = 'cancelled';
        INSERT INTO customers (email, full_name) SELECT ref, ref FROM orders WHERE ref IS NOT NULL;
        MERGE INTO customers c USING orders o ON c.id = o.customer_id
            WHEN MATCHED THEN UPDATE SET legacy_ref = o.ref;
        """)
            .check();
    assertFiresAt(r, RULE, path(FILE) + ":1", path(FILE) + ":2", path(FILE) + ":3");
  }

  @Test
  void keyRangeBatchIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        UPDATE orders SET status = 'open'
        WHERE id >= $1 AND id < $2 AND status IS NULL;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void insertValuesIsNotBulk() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(FILE, "INSERT INTO customers (email, full_name) VALUES ('a@example.com', 'A');\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void tableCreatedEarlierInTheSamePhase() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_states/expand.sql",
                """
        CREATE TABLE order_states (code text PRIMARY KEY, label text NOT NULL);
        INSERT INTO order_states (code, label) SELECT DISTINCT status, status FROM orders WHERE status IS NOT NULL;
        UPDATE order_states SET label = initcap(label);
        """)
            .check();
    assertSilent(r, RULE);
  }
}
