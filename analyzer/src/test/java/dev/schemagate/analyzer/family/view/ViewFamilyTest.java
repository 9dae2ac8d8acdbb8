package dev.schemagate.analyzer.family.view;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewFamilyTest {

  private static StatementFacts facts(Catalog catalog, String sql) {
    return new LockModel().analyze(one(sql), catalog, LockContext.of(17));
  }

  @Test
  void aMaterializedViewIsFollowedFromCreateThroughRefreshToDrop() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE orders (id int)"));
    catalog.apply(
        one("CREATE MATERIALIZED VIEW totals AS SELECT count(*) FROM orders WITH NO DATA"));
    QualifiedName totals = QualifiedName.of("totals");
    assertEquals(RelationKind.MATERIALIZED_VIEW, catalog.kindOf(totals));
    assertEquals(List.of("public.orders"), catalog.viewSources(totals));
    assertFalse(catalog.populated(totals));
    catalog.apply(one("REFRESH MATERIALIZED VIEW totals"));
    assertTrue(catalog.populated(totals));
    catalog.apply(one("ALTER MATERIALIZED VIEW totals RENAME TO sums"));
    assertEquals(RelationKind.MATERIALIZED_VIEW, catalog.kindOf(QualifiedName.of("sums")));
    catalog.apply(one("DROP MATERIALIZED VIEW sums"));
    assertEquals(RelationKind.UNKNOWN, catalog.kindOf(QualifiedName.of("sums")));
  }

  @Test
  void refreshRunsTheQueryAgainUnderItsLock() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE orders (id int)"));
    catalog.apply(one("CREATE MATERIALIZED VIEW totals AS SELECT count(*) FROM orders"));
    StatementFacts concurrently = facts(catalog, "REFRESH MATERIALIZED VIEW CONCURRENTLY totals");
    assertEquals(
        List.of(
            new RelationLock("public.totals", LockMode.EXCLUSIVE),
            new RelationLock("public.orders", LockMode.ACCESS_SHARE)),
        concurrently.locks());
    assertTrue(concurrently.scan());
    StatementFacts empty = facts(catalog, "REFRESH MATERIALIZED VIEW totals WITH NO DATA");
    assertEquals(
        List.of(new RelationLock("public.totals", LockMode.ACCESS_EXCLUSIVE)), empty.locks());
    assertFalse(empty.scan(), "WITH NO DATA reads nothing");
  }

  @Test
  void createOrReplaceLocksTheViewAndReadsItsSources() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE orders (id int)"));
    catalog.apply(one("CREATE VIEW v AS SELECT id FROM orders"));
    StatementFacts replace = facts(catalog, "CREATE OR REPLACE VIEW v AS SELECT id FROM orders");
    assertEquals(
        List.of(
            new RelationLock("public.v", LockMode.ACCESS_EXCLUSIVE),
            new RelationLock("public.orders", LockMode.ACCESS_SHARE)),
        replace.locks());
    assertTrue(
        replace.notes().stream().anyMatch(n -> n.contains("blocks its readers")),
        replace.notes().toString());
  }
}
