package dev.schemagate.analyzer.family.sequence;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceFamilyTest {

  private static List<RelationLock> locks(Catalog catalog, String sql) {
    return new LockModel().analyze(one(sql), catalog, LockContext.of(17)).locks();
  }

  @Test
  void recognition() {
    ParsedStatement create = one("CREATE SEQUENCE IF NOT EXISTS s.seq START 1");
    assertEquals(StatementKind.CREATE_SEQUENCE, create.kind());
    assertEquals(new QualifiedName("s", "seq"), create.target());
    ParsedStatement owned = one("ALTER SEQUENCE seq OWNED BY t.id");
    assertEquals(StatementKind.ALTER_SEQUENCE, owned.kind());
    assertEquals(new OwnedBy("t.id"), owned.detail(OwnedBy.class).orElseThrow());
    assertTrue(owned.actions().isEmpty(), "OWNED BY is an option, not an action");
    assertEquals(
        ActionKind.RENAME_TABLE, one("ALTER SEQUENCE seq RENAME TO seq2").actions().get(0).kind());
    ParsedStatement drop = one("DROP SEQUENCE IF EXISTS a, b CASCADE");
    assertEquals(StatementKind.DROP_SEQUENCE, drop.kind());
    assertEquals(List.of(QualifiedName.of("a"), QualifiedName.of("b")), drop.relations());
  }

  @Test
  void replayFollowsTheSequenceThroughRenameMoveAndDrop() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE SEQUENCE seq"));
    assertEquals(RelationKind.SEQUENCE, catalog.kindOf(QualifiedName.of("seq")));
    catalog.apply(one("ALTER SEQUENCE seq RENAME TO seq2"));
    assertEquals(RelationKind.UNKNOWN, catalog.kindOf(QualifiedName.of("seq")));
    assertEquals(RelationKind.SEQUENCE, catalog.kindOf(QualifiedName.of("seq2")));
    catalog.apply(one("ALTER SEQUENCE seq2 SET SCHEMA app"));
    assertEquals(RelationKind.SEQUENCE, catalog.kindOf(new QualifiedName("app", "seq2")));
    catalog.apply(one("DROP SEQUENCE app.seq2"));
    assertEquals(RelationKind.UNKNOWN, catalog.kindOf(new QualifiedName("app", "seq2")));
  }

  @Test
  void optionsLetNextvalGoOnButRenameBlocksIt() {
    Catalog catalog = new Catalog();
    assertEquals(
        List.of(new RelationLock("public.seq", LockMode.SHARE_ROW_EXCLUSIVE)),
        locks(catalog, "ALTER SEQUENCE seq RESTART WITH 100"));
    assertEquals(
        List.of(new RelationLock("public.seq", LockMode.ACCESS_EXCLUSIVE)),
        locks(catalog, "ALTER SEQUENCE seq RENAME TO seq2"));
    assertEquals(
        List.of(new RelationLock("public.s", LockMode.ACCESS_EXCLUSIVE)),
        locks(catalog, "CREATE SEQUENCE s"));
  }
}
