package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.rules.RuleFindings;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hygiene/waiver-without-reason on real SQL (docs/rules/hygiene/waiver-without-reason.md), and what
 * a waiver with a reason does to the finding it names.
 */
class WaiverWithoutReasonTest {

  private static final String RULE = "hygiene/waiver-without-reason";
  private static final String FILE = "0002_labels/backfill.sql";
  private static final String STATES =
      """
      CREATE TABLE order_states (code text PRIMARY KEY, label text NOT NULL);
      INSERT INTO order_states (code, label) VALUES ('open', 'open'), ('paid', 'paid');
      """;

  @TempDir Path dir;

  @Test
  void waiverWithoutReasonWaivesNothing() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_states/expand.sql", STATES)
            .file(
                FILE,
                """
        -- schemagate:allow lock/unbatched-dml
        UPDATE order_states SET label = initcap(label);
        """)
            .check();
    assertFires(r, RULE, path(FILE), 2);
    assertFires(r, "lock/unbatched-dml", path(FILE), 2);
  }

  @Test
  void blankReasonIsNoReason() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_states/expand.sql", STATES)
            .file(
                FILE,
                """
        UPDATE order_states SET label = initcap(label); -- schemagate:allow lock/unbatched-dml reason="  "
        """)
            .check();
    assertFires(r, RULE, path(FILE), 1);
    assertFires(r, "lock/unbatched-dml", path(FILE), 1);
  }

  @Test
  void waiverWithAReasonIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_states/expand.sql", STATES)
            .file(
                FILE,
                """
        -- schemagate:allow lock/unbatched-dml reason="order_states has 6 rows"
        UPDATE order_states SET label = initcap(label);
        """)
            .check();
    assertSilent(r, RULE);
    List<Finding> waived = RuleFindings.of(r, "lock/unbatched-dml");
    assertEquals(1, waived.size());
    assertEquals("order_states has 6 rows", waived.get(0).waivedReason());
    assertEquals(path(FILE) + ":2", RuleFindings.location(waived.get(0)));
    assertEquals(false, r.failed());
  }

  @Test
  void waiverAtTheEndOfTheStatementsFirstLine() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_states/expand.sql", STATES)
            .file(
                FILE,
                """
        UPDATE order_states -- schemagate:allow lock/unbatched-dml reason="order_states has 6 rows"
        SET label = initcap(label);
        """)
            .check();
    assertSilent(r, RULE);
    assertEquals(
        "order_states has 6 rows", RuleFindings.of(r, "lock/unbatched-dml").get(0).waivedReason());
  }

  @Test
  void aWaiverNamesOneRuleOnly() {
    CheckResult r =
        RuleRepo.in(dir)
            .file("0001_states/expand.sql", STATES)
            .file(
                "0002_labels/expand.sql",
                """
        -- schemagate:allow lock/unbatched-dml reason="order_states has 6 rows"
        UPDATE order_states SET label = initcap(label);
        """)
            .check();
    assertFires(r, "phase/dml-outside-backfill", path("0002_labels/expand.sql"), 2);
  }
}
