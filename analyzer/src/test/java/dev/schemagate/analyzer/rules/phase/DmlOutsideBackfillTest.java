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

/** phase/dml-outside-backfill on real SQL (docs/rules/phase/dml-outside-backfill.md). */
class DmlOutsideBackfillTest {

  private static final String RULE = "phase/dml-outside-backfill";

  @TempDir Path dir;

  @Test
  void updateInExpandAndDeleteInContract() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_default_status/expand.sql",
                "UPDATE orders SET status = 'open' WHERE status IS NULL;\n")
            .file(
                "0002_default_status/contract.sql",
                "DELETE FROM orders WHERE status = 'cancelled';\n")
            .check();
    assertFiresAt(
        r,
        RULE,
        path("0002_default_status/expand.sql") + ":1",
        path("0002_default_status/contract.sql") + ":1");
  }

  @Test
  void keyRangeUpdateInBackfillIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_default_status/backfill.sql",
                """
        UPDATE orders SET status = 'open' WHERE id >= $1 AND id < $2 AND status IS NULL;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void seedRowsWithInsertValuesAreAllowed() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_seed/expand.sql",
                "INSERT INTO customers (email, full_name) VALUES ('ops@example.com', 'Ops');\n")
            .check();
    assertSilent(r, RULE);
  }

  /**
   * Issue 13: a live table copied into a table created in the same transactional expand (here with
   * OVERRIDING SYSTEM VALUE, which was read as a plain INSERT) was not flagged at all.
   */
  @Test
  void copyOfALiveTableIntoANewTableInExpand() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_split_customers/expand.sql",
                """
        SET lock_timeout = '2s';
        CREATE TABLE customer_emails (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
        INSERT INTO customer_emails (id, email) OVERRIDING SYSTEM VALUE SELECT id, email FROM customers;
        """)
            .check();
    var f = assertFires(r, RULE, path("0002_split_customers/expand.sql"), 3);
    org.junit.jupiter.api.Assertions.assertTrue(
        f.message()
            .contains(
                "copies rows of existing table public.customers into new table public.customer_emails in the expand phase"),
        f.message());
  }

  @Test
  void theSameCopyInBackfillIsAllowed() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_split_customers/expand.sql",
                """
            SET lock_timeout = '2s';
            CREATE TABLE customer_emails (id bigint PRIMARY KEY, email text NOT NULL);
            """)
            .file(
                "0002_split_customers/backfill.sql",
                """
            INSERT INTO customer_emails (id, email) SELECT id, email FROM customers WHERE id >= $1 AND id < $2;
            """)
            .check();
    assertSilent(r, RULE);
  }
}
