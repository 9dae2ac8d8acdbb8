package dev.schemagate.analyzer.family.index;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexFamilyTest {

  private static StatementFacts facts(Catalog catalog, String sql) {
    return new LockModel().analyze(one(sql), catalog, LockContext.of(17));
  }

  private static Catalog ordersWithIndex() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE orders (id int, customer int)"));
    catalog.apply(one("CREATE INDEX orders_customer ON orders (customer)"));
    return catalog;
  }

  @Test
  void theCatalogFollowsAnIndexThroughRenameAndDrop() {
    Catalog catalog = ordersWithIndex();
    assertTrue(catalog.index(QualifiedName.of("orders_customer")).isPresent());
    catalog.apply(one("ALTER INDEX orders_customer RENAME TO by_customer"));
    assertFalse(catalog.index(QualifiedName.of("orders_customer")).isPresent());
    assertEquals(
        "public.orders", catalog.index(QualifiedName.of("by_customer")).orElseThrow().table());
    catalog.apply(one("DROP INDEX by_customer"));
    assertFalse(catalog.index(QualifiedName.of("by_customer")).isPresent());
  }

  @Test
  void reindexLocksTheIndexsTableAndTheIndex() {
    StatementFacts f = facts(ordersWithIndex(), "REINDEX INDEX orders_customer");
    assertEquals(
        List.of(
            new RelationLock("public.orders", LockMode.SHARE),
            new RelationLock("public.orders_customer", LockMode.ACCESS_EXCLUSIVE)),
        f.locks());
    assertTrue(f.transactional());
  }

  @Test
  void concurrentlyInACommentOrAStringIsNotConcurrently() {
    // the lock model once matched CONCURRENTLY anywhere in the raw text; the tokens decide now
    for (String sql :
        List.of(
            "REINDEX INDEX /* not CONCURRENTLY */ orders_customer",
            "REINDEX INDEX orders_customer -- CONCURRENTLY later\n")) {
      assertFalse(one(sql).has(Flag.CONCURRENTLY), sql);
      StatementFacts f = facts(ordersWithIndex(), sql);
      assertTrue(f.transactional(), sql);
      assertEquals(LockMode.SHARE, f.locks().get(0).mode(), sql);
    }
    assertFalse(
        facts(ordersWithIndex(), "REINDEX (CONCURRENTLY) INDEX orders_customer").transactional());
  }

  @Test
  void aConcurrentBuildLetsWritesGoOnOutsideATransactionBlock() {
    StatementFacts f =
        facts(ordersWithIndex(), "CREATE INDEX CONCURRENTLY orders_id ON orders (id)");
    assertEquals(
        List.of(
            new RelationLock("public.orders", LockMode.SHARE_UPDATE_EXCLUSIVE),
            new RelationLock("public.orders_id", LockMode.ACCESS_EXCLUSIVE)),
        f.locks());
    assertFalse(f.transactional());
    assertTrue(f.scan());
  }
}
