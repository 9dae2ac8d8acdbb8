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

/** phase/destructive-in-expand on real SQL (docs/rules/phase/destructive-in-expand.md). */
class DestructiveInExpandTest {

  private static final String RULE = "phase/destructive-in-expand";
  private static final String VIEW =
      "CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;\n";

  @TempDir Path dir;

  @Test
  void dropViewInExpand() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_totals/expand.sql", VIEW)
            .file("0003_drop_totals/expand.sql", "DROP VIEW order_totals;\n")
            .check();
    assertFires(r, RULE, path("0003_drop_totals/expand.sql"), 1);
  }

  @Test
  void dropDefaultTruncateAndSetSchemaInExpandOrBackfill() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_cleanup/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ALTER COLUMN quantity DROP DEFAULT;
            ALTER TABLE customers SET SCHEMA archive;
            """)
            .file("0002_cleanup/backfill.sql", "TRUNCATE orders;\n")
            .check();
    assertFiresAt(
        r,
        RULE,
        path("0002_cleanup/expand.sql") + ":2",
        path("0002_cleanup/expand.sql") + ":3",
        path("0002_cleanup/backfill.sql") + ":1");
  }

  @Test
  void dropsOfFunctionsTypesTriggersAndSequencesAndIdentityAndEnumRenames() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_objects/expand.sql",
                """
            CREATE TYPE order_kind AS ENUM ('web', 'shop');
            CREATE SEQUENCE invoice_numbers;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            """)
            .file(
                "0003_cleanup/expand.sql",
                """
            SET lock_timeout = '2s';
            DROP TRIGGER orders_touch ON orders;
            DROP FUNCTION touch();
            DROP SEQUENCE invoice_numbers;
            ALTER TYPE order_kind RENAME VALUE 'shop' TO 'store';
            DROP TYPE order_kind;
            ALTER TABLE orders ALTER COLUMN id DROP IDENTITY;
            """)
            .check();
    String f = path("0003_cleanup/expand.sql");
    assertFiresAt(r, RULE, f + ":2", f + ":3", f + ":4", f + ":5", f + ":6", f + ":7");
  }

  @Test
  void dropViewInContractIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_totals/expand.sql", VIEW)
            .file("0003_drop_totals/contract.sql", "DROP VIEW IF EXISTS order_totals;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void objectCreatedEarlierInTheSameFile() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_totals/expand.sql", VIEW + "DROP VIEW order_totals;\n" + VIEW)
            .check();
    assertSilent(r, RULE);
  }
}
