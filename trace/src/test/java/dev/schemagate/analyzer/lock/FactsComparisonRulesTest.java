package dev.schemagate.analyzer.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.trace.FactsComparison;
import dev.schemagate.trace.TracedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules that report a difference as depending on the rows, the session or the database need
 * PostgreSQL's own evidence (an update count of zero, a "does not exist, skipping" notice) and the
 * model's own note: without them the same difference stays a disagreement.
 */
class FactsComparisonRulesTest {

  private static StatementFacts model(String sql) {
    return new PhaseAnalyzer(17)
        .run(LockModelSqlTest.parse(sql), LockModelSqlTest.schema())
        .facts()
        .get(0);
  }

  private static TracedStatement traced(
      StatementFacts model,
      List<RelationLock> locks,
      boolean rewrite,
      List<String> messages,
      long rows) {
    StatementFacts facts =
        new StatementFacts(
            model.statement(), locks, rewrite, false, true, List.of(), null, List.of());
    return new TracedStatement(facts, Map.of(), Set.of(), true, messages, 0, null, rows);
  }

  @Test
  void aMissingForeignKeyCheckDependsOnTheRowsOnlyWhenNoRowWasWritten() {
    StatementFacts m = model("UPDATE orders SET customer_id = 1 WHERE id < 100");
    List<RelationLock> onlyOrders =
        List.of(new RelationLock("public.orders", LockMode.ROW_EXCLUSIVE));

    FactsComparison.Result none =
        FactsComparison.compare(m, traced(m, onlyOrders, false, List.of(), 0));
    assertEquals(List.of(), none.differences());
    assertEquals(1, none.dependent().size());

    FactsComparison.Result some =
        FactsComparison.compare(m, traced(m, onlyOrders, false, List.of(), 3));
    assertEquals(
        List.of("lock public.customers: model RowShareLock, PostgreSQL none"), some.differences());
    assertEquals(List.of(), some.dependent());
  }

  /** Found by the differential fuzzer: DELETE … WHERE false scans no referencing table. */
  @Test
  void aMissingForeignKeyScanOfADeleteDependsOnTheRowsOnlyWhenNoRowWasDeleted() {
    StatementFacts m = model("DELETE FROM orders WHERE note IS NULL");
    org.junit.jupiter.api.Assertions.assertTrue(
        m.scan(), "shipments.order_id has no index: " + m.notes());
    List<RelationLock> locks =
        List.of(
            new RelationLock("public.orders", LockMode.ROW_EXCLUSIVE),
            new RelationLock("public.shipments", LockMode.ROW_SHARE));

    FactsComparison.Result none = FactsComparison.compare(m, traced(m, locks, false, List.of(), 0));
    assertEquals(List.of(), none.differences());
    assertEquals(
        List.of(
            "scan: model true, PostgreSQL false (depends on the rows: no row was deleted, so no"
                + " foreign-key check scanned)"),
        none.dependent());

    FactsComparison.Result some = FactsComparison.compare(m, traced(m, locks, false, List.of(), 2));
    assertEquals(List.of("scan: model true, PostgreSQL false"), some.differences());
  }

  @Test
  void aSkippedObjectDependsOnTheDatabaseOnlyWhenTheModelAssumedItAndPostgresSkippedIt() {
    StatementFacts assumed = model("DROP INDEX IF EXISTS orders_old_idx");
    FactsComparison.Result skipped =
        FactsComparison.compare(
            assumed,
            traced(
                assumed,
                List.of(),
                false,
                List.of("index \"orders_old_idx\" does not exist, skipping"),
                0));
    assertEquals(List.of(), skipped.differences());

    FactsComparison.Result silent =
        FactsComparison.compare(assumed, traced(assumed, List.of(), false, List.of(), 0));
    assertEquals(
        List.of("lock public.orders_old_idx: model AccessExclusiveLock, PostgreSQL none"),
        silent.differences());

    // a known index: the model did not assume anything, so a missing lock is the model's error
    StatementFacts known = model("DROP INDEX IF EXISTS orders_status_idx");
    FactsComparison.Result wrong =
        FactsComparison.compare(
            known,
            traced(
                known,
                List.of(),
                false,
                List.of("index \"orders_status_idx\" does not exist, skipping"),
                0));
    assertEquals(2, wrong.differences().size(), wrong.toString());
  }

  @Test
  void onlyTheTimeZoneNoteMakesAMissedRewriteSessionDependent() {
    StatementFacts tz = model("ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz");
    List<RelationLock> orders =
        List.of(new RelationLock("public.orders", LockMode.ACCESS_EXCLUSIVE));
    FactsComparison.Result r = FactsComparison.compare(tz, traced(tz, orders, false, List.of(), 0));
    assertEquals(List.of(), r.differences());
    assertEquals(1, r.dependent().size());

    StatementFacts code = model("ALTER TABLE orders ALTER COLUMN code TYPE text");
    FactsComparison.Result c =
        FactsComparison.compare(code, traced(code, orders, false, List.of(), 0));
    assertEquals(List.of("rewrite: model true, PostgreSQL false"), c.differences());
  }
}
