package dev.schemagate.analyzer.family.role;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleFamilyTest {

  private static List<RelationLock> locks(String sql, int version) {
    return new LockModel().analyze(one(sql), new Catalog(), LockContext.of(version)).locks();
  }

  @Test
  void onlyPostgres18LocksTheRelationsAGrantNames() {
    assertEquals(List.of(), locks("GRANT SELECT ON TABLE a, b TO r", 17));
    assertEquals(
        List.of(
            new RelationLock("public.a", LockMode.ACCESS_SHARE),
            new RelationLock("public.b", LockMode.ACCESS_SHARE)),
        locks("GRANT SELECT ON TABLE a, b TO r", 18));
    assertEquals(
        List.of(), locks("GRANT USAGE ON SCHEMA app TO r", 18), "a schema is not a relation");
    assertEquals(List.of(), locks("CREATE ROLE r", 18));
  }
}
