package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lock/validate-in-same-transaction on real SQL (docs/rules/lock/validate-in-same-transaction.md).
 */
class ValidateInSameTransactionTest {

  private static final String RULE = "lock/validate-in-same-transaction";

  @TempDir Path dir;

  @Test
  void validateRightAfterNotValid() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_positive_total/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
        ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
        """)
            .check();
    assertFires(r, RULE, path("0002_positive_total/expand.sql"), 3);
    assertSilent(r, "lock/exclusive-lock-held");
  }

  @Test
  void foreignKeyToo() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_customer_fk/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
        ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
        """)
            .check();
    assertFires(r, RULE, path("0002_customer_fk/expand.sql"), 3);
  }

  @Test
  void validateInTheContractIsTheSafeRewrite() {
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
  void nonTransactionalPhaseCommitsTheAddFirst() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_positive_total/expand.sql",
                """
        -- schemagate:phase transactional=false
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
        ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
        """)
            .check();
    assertSilent(r, RULE);
  }
}
