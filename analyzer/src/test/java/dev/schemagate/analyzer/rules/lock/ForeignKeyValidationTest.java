package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/foreign-key-validation on real SQL (docs/rules/lock/foreign-key-validation.md). */
class ForeignKeyValidationTest {

  private static final String RULE = "lock/foreign-key-validation";

  @TempDir Path dir;

  @Test
  void foreignKeyValidatedOnCreation() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_orders_customer_fk/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
        """)
            .check();
    assertFires(r, RULE, path("0002_orders_customer_fk/expand.sql"), 2);
  }

  @Test
  void notValidThenValidateInTheNextPhaseIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_orders_customer_fk/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            """)
            .file(
                "0002_orders_customer_fk/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
            """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/scan-under-exclusive-lock");
    assertSilent(r, "lock/validate-in-same-transaction");
  }

  @Test
  void inlineReferencesOnANewColumnOfAnExistingTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_order_referrer/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN referrer_id bigint REFERENCES customers (id);
        """)
            .check();
    assertFires(r, RULE, path("0002_order_referrer/expand.sql"), 2);
  }

  @Test
  void foreignKeyOfATableCreatedInTheSamePhase() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_order_lines/expand.sql",
                """
        SET lock_timeout = '2s';
        CREATE TABLE order_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL);
        ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
        CREATE INDEX order_lines_order_id_idx ON order_lines (order_id);
        """)
            .check();
    assertSilent(r, RULE);
  }
}
