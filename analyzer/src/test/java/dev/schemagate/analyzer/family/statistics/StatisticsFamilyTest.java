package dev.schemagate.analyzer.family.statistics;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatisticsFamilyTest {

  private static List<RelationLock> locks(Catalog catalog, String sql) {
    return new LockModel().analyze(one(sql), catalog, LockContext.of(17)).locks();
  }

  @Test
  void dropLocksTheTableTheReplayRemembers() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE orders (a int, b int)"));
    assertEquals(
        List.of(new RelationLock("public.orders", LockMode.SHARE_UPDATE_EXCLUSIVE)),
        locks(catalog, "CREATE STATISTICS s ON a, b FROM orders"));
    catalog.apply(one("CREATE STATISTICS s ON a, b FROM orders"));
    assertEquals(Optional.of("public.orders"), catalog.statisticsTable(QualifiedName.of("s")));
    assertEquals(
        List.of(new RelationLock("public.orders", LockMode.SHARE_UPDATE_EXCLUSIVE)),
        locks(catalog, "DROP STATISTICS s"));
    catalog.apply(one("DROP STATISTICS s"));
    assertEquals(Optional.empty(), catalog.statisticsTable(QualifiedName.of("s")));
    assertEquals(
        List.of(), locks(catalog, "DROP STATISTICS s"), "unknown now: its table cannot be named");
  }
}
