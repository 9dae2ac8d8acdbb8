package dev.schemagate.analyzer.family.routine;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutineFamilyTest {

  private static StatementFacts facts(Catalog catalog, String sql) {
    return new LockModel().analyze(one(sql), catalog, LockContext.of(17));
  }

  @Test
  void theCatalogFollowsATablesTriggers() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE t (id int)"));
    assertEquals(Optional.of(false), catalog.hasTrigger(QualifiedName.of("t"), "audit"));
    catalog.apply(one("CREATE TRIGGER audit AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()"));
    assertEquals(Optional.of(true), catalog.hasTrigger(QualifiedName.of("t"), "audit"));
    catalog.apply(one("DROP TRIGGER audit ON t"));
    assertEquals(Optional.of(false), catalog.hasTrigger(QualifiedName.of("t"), "audit"));
  }

  @Test
  void aDoBlockThatAltersATableMakesItUntrusted() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE t (id int)"));
    catalog.apply(one("DO $$ BEGIN ALTER TABLE t ADD COLUMN x int; END $$"));
    assertTrue(catalog.alteredByCode("public.t"));
  }

  @Test
  void triggerLocks() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TABLE t (id int)"));
    assertEquals(
        List.of(new RelationLock("public.t", LockMode.SHARE_ROW_EXCLUSIVE)),
        facts(catalog, "CREATE TRIGGER audit AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()")
            .locks());
    assertEquals(
        List.of(new RelationLock("public.t", LockMode.ACCESS_EXCLUSIVE)),
        facts(catalog, "DROP TRIGGER audit ON t").locks());
    StatementFacts missing = facts(catalog, "DROP TRIGGER IF EXISTS audit ON t");
    assertEquals(
        List.of(),
        missing.locks(),
        "the history never created it: PostgreSQL skips it and keeps no lock");
    assertTrue(
        missing.notes().stream().anyMatch(n -> n.contains("audit does not exist on public.t")),
        missing.notes().toString());
    assertEquals(
        List.of(),
        facts(catalog, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'").locks());
  }
}
