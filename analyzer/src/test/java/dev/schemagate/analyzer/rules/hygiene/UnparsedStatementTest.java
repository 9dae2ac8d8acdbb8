package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.rules.RuleFindings;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/unparsed-statement on real SQL (docs/rules/hygiene/unparsed-statement.md). */
class UnparsedStatementTest {

  private static final String RULE = "hygiene/unparsed-statement";

  /** A typo: PostgreSQL rejects it, and the analyzer cannot say what it would lock. */
  private static final String STATEMENT = "ALTR TABLE orders ADD COLUMN note text;\n";

  @TempDir Path dir;

  @Test
  void statementNotUnderstood() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_odd/expand.sql", "SET lock_timeout = '2s';\n" + STATEMENT)
            .check();
    assertFires(r, RULE, path("0002_odd/expand.sql"), 2);
  }

  @Test
  void reviewedAndWaivedWithAReasonIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_odd/expand.sql",
                """
        SET lock_timeout = '2s';
        -- schemagate:allow hygiene/unparsed-statement reason="reviewed: takes no table lock"
        """
                    + STATEMENT)
            .check();
    List<Finding> found = RuleFindings.of(r, RULE);
    assertEquals(1, found.size());
    assertEquals("reviewed: takes no table lock", found.get(0).waivedReason());
    assertTrue(!found.get(0).blocking());
    assertSilent(r, "hygiene/waiver-without-reason");
  }

  @Test
  void administrativeStatementsAreUnderstood() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_usual/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER SYSTEM SET work_mem = '64MB';
        COMMENT ON TABLE orders IS 'one row per order';
        GRANT SELECT ON orders TO reporting;
        """)
            .check();
    assertSilent(r, RULE);
  }
}
