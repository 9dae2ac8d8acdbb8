package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hygiene/foreign-key-without-index on real SQL (docs/rules/hygiene/foreign-key-without-index.md).
 */
class ForeignKeyWithoutIndexTest {

  private static final String RULE = "hygiene/foreign-key-without-index";
  private static final String FILE = "0002_order_lines/expand.sql";
  private static final String ORDER_LINES =
      """
      CREATE TABLE order_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id bigint NOT NULL REFERENCES orders (id));
      """;

  @TempDir Path dir;

  @Test
  void inlineReferencesWithoutIndex() {
    CheckResult r = RuleRepo.withTables(dir).file(FILE, ORDER_LINES).check();
    assertFires(r, RULE, path(FILE), 1);
  }

  @Test
  void indexOnTheReferencingColumnIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                ORDER_LINES + "CREATE INDEX order_lines_order_id_idx ON order_lines (order_id);\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void addConstraintOnAnExistingTableWithAndWithoutIndex() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_referrer/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN referrer_id bigint;
            ALTER TABLE orders ADD CONSTRAINT orders_referrer_fk FOREIGN KEY (referrer_id) REFERENCES customers (id) NOT VALID;
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            """)
            .check();
    assertFires(r, RULE, path("0002_referrer/expand.sql"), 3);
  }

  @Test
  void referencesAfterAnotherInlineConstraint() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        CREATE TABLE order_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          order_id bigint NOT NULL CHECK (order_id > 0) REFERENCES orders (id));
        """)
            .check();
    assertFires(r, RULE, path(FILE), 1);
  }

  @Test
  void compositeKeyCoveredByTheLeadingColumnsOfAnIndex() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint NOT NULL, customer_id bigint NOT NULL);
        CREATE TABLE shipment_events (
          shipment_id bigint NOT NULL,
          seq integer NOT NULL,
          PRIMARY KEY (shipment_id, seq),
          FOREIGN KEY (shipment_id) REFERENCES shipments (id));
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void indexBuiltConcurrentlyInAnEarlierFileCounts() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_referrer/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN referrer_id bigint;\n")
            .file(
                "0003_referrer_index/expand.sql",
                """
            -- schemagate:phase transactional=false
            SET lock_timeout = '2s';
            CREATE INDEX CONCURRENTLY orders_referrer_id_idx ON orders (referrer_id);
            """)
            .file(
                "0004_referrer_fk/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_referrer_fk FOREIGN KEY (referrer_id) REFERENCES customers (id) NOT VALID;
            """)
            .check();
    assertSilent(r, RULE);
  }
}
