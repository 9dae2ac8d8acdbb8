package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef.Generated;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlterTableRecognizerTest {

  @Test
  void multiActionAlterTableWithOnlyAndIfExists() {
    ParsedStatement p =
        Sql.parse(
            "ALTER TABLE IF EXISTS ONLY public.\"Users\" ADD COLUMN a int, DROP COLUMN b CASCADE,"
                + " ALTER COLUMN c SET NOT NULL");
    assertEquals(StatementKind.ALTER_TABLE, p.kind());
    assertEquals("recognizer", p.parser());
    assertEquals(new QualifiedName("public", "Users"), p.target());
    assertTrue(p.has(Flag.IF_EXISTS));
    assertTrue(p.has(Flag.ONLY));
    assertEquals(
        List.of(ActionKind.ADD_COLUMN, ActionKind.DROP_COLUMN, ActionKind.SET_NOT_NULL),
        p.actions().stream().map(AlterAction::kind).toList());
    assertEquals("alter_table", p.kindId());
    assertTrue(p.actions().get(1).cascade());
    assertEquals("DROP COLUMN b CASCADE", p.actions().get(1).raw());
    assertEquals(
        "alter_table.add_column", Sql.parse("ALTER TABLE t ADD a int, ADD b int").kindId());
  }

  @Test
  void addColumn() {
    AlterAction a =
        Sql.action("ALTER TABLE t ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'new'");
    assertEquals(ActionKind.ADD_COLUMN, a.kind());
    assertTrue(a.ifNotExists());
    assertEquals("status", a.column());
    assertEquals("text", a.columnDef().type().name());
    assertTrue(a.columnDef().notNull());
    assertEquals(Volatility.CONSTANT, a.columnDef().defaultVolatility());
    AlterAction noKeyword =
        Sql.action("ALTER TABLE t ADD id uuid DEFAULT gen_random_uuid() PRIMARY KEY");
    assertEquals(ActionKind.ADD_COLUMN, noKeyword.kind());
    assertEquals(Volatility.VOLATILE, noKeyword.columnDef().defaultVolatility());
    assertEquals(ConstraintType.PRIMARY_KEY, noKeyword.columnDef().constraints().get(0).type());
    AlterAction generated =
        Sql.action("ALTER TABLE t ADD COLUMN total int GENERATED ALWAYS AS (a + b) STORED");
    assertEquals(Generated.STORED, generated.columnDef().generated());
  }

  @Test
  void dropColumn() {
    AlterAction a = Sql.action("ALTER TABLE t DROP COLUMN IF EXISTS legacy");
    assertEquals(ActionKind.DROP_COLUMN, a.kind());
    assertEquals("legacy", a.column());
    assertTrue(a.ifExists());
    assertFalse(a.cascade());
    assertEquals("old", Sql.action("ALTER TABLE t DROP old").column());
  }

  @Test
  void addConstraints() {
    AlterAction fk =
        Sql.action(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)"
                + " REFERENCES users (id) ON DELETE CASCADE NOT VALID");
    assertEquals(ActionKind.ADD_CONSTRAINT, fk.kind());
    ConstraintDef c = fk.constraint();
    assertEquals("orders_user_fk", c.name());
    assertEquals(ConstraintType.FOREIGN_KEY, c.type());
    assertEquals(List.of("user_id"), c.columns());
    assertEquals(QualifiedName.of("users"), c.referencedTable());
    assertEquals("cascade", c.onDelete());
    assertTrue(c.notValid());

    ConstraintDef check =
        Sql.action("ALTER TABLE t ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID")
            .constraint();
    assertEquals(ConstraintType.CHECK, check.type());
    assertEquals("email IS NOT NULL", check.expression());
    assertEquals(List.of("email"), check.columns());
    assertTrue(check.notValid());

    ConstraintDef checkValid = Sql.action("ALTER TABLE t ADD CHECK (a > 0)").constraint();
    assertFalse(checkValid.notValid());
    assertNull(checkValid.name());

    ConstraintDef usingIndex =
        Sql.action("ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx")
            .constraint();
    assertEquals(ConstraintType.PRIMARY_KEY, usingIndex.type());
    assertEquals("t_id_idx", usingIndex.usingIndex());

    ConstraintDef unique = Sql.action("ALTER TABLE t ADD CONSTRAINT u UNIQUE (a, b)").constraint();
    assertEquals(List.of("a", "b"), unique.columns());
    assertNull(unique.usingIndex());
    assertTrue(unique.needsIndex());

    ConstraintDef exclude =
        Sql.action(
                "ALTER TABLE t ADD CONSTRAINT ex EXCLUDE USING gist (room WITH =, during WITH &&)")
            .constraint();
    assertEquals(ConstraintType.EXCLUDE, exclude.type());

    ConstraintDef notNull =
        Sql.action("ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NOT VALID").constraint();
    assertEquals(ConstraintType.NOT_NULL, notNull.type());
    assertEquals(List.of("a"), notNull.columns());
    assertTrue(notNull.notValid());
  }

  @Test
  void constraintMaintenance() {
    AlterAction validate = Sql.action("ALTER TABLE t VALIDATE CONSTRAINT orders_user_fk");
    assertEquals(ActionKind.VALIDATE_CONSTRAINT, validate.kind());
    assertEquals("orders_user_fk", validate.name());
    AlterAction drop = Sql.action("ALTER TABLE t DROP CONSTRAINT IF EXISTS c1 CASCADE");
    assertEquals(ActionKind.DROP_CONSTRAINT, drop.kind());
    assertEquals("c1", drop.name());
    assertTrue(drop.ifExists());
    assertTrue(drop.cascade());
    AlterAction alter = Sql.action("ALTER TABLE t ALTER CONSTRAINT c1 DEFERRABLE");
    assertEquals(ActionKind.ALTER_CONSTRAINT, alter.kind());
    assertEquals("c1", alter.name());
    AlterAction rename = Sql.action("ALTER TABLE t RENAME CONSTRAINT c1 TO c2");
    assertEquals(ActionKind.RENAME_CONSTRAINT, rename.kind());
    assertEquals("c1", rename.name());
    assertEquals("c2", rename.newName());
  }

  @Test
  void alterColumnType() {
    AlterAction a =
        Sql.action(
            "ALTER TABLE t ALTER COLUMN amount SET DATA TYPE numeric(14, 2) USING amount::numeric");
    assertEquals(ActionKind.ALTER_COLUMN_TYPE, a.kind());
    assertEquals("amount", a.column());
    assertEquals("numeric", a.type().name());
    assertEquals(List.of(14, 2), a.type().modifiers());
    assertEquals("amount::numeric", a.expression());
    AlterAction b = Sql.action("ALTER TABLE t ALTER \"Name\" TYPE character varying(100)");
    assertEquals("Name", b.column());
    assertEquals("varchar", b.type().name());
    assertEquals(List.of(100), b.type().modifiers());
    assertNull(b.expression());
  }

  @Test
  void defaultsNullabilityAndExpressions() {
    AlterAction setDefault = Sql.action("ALTER TABLE t ALTER COLUMN c SET DEFAULT now()");
    assertEquals(ActionKind.SET_DEFAULT, setDefault.kind());
    assertEquals("c", setDefault.column());
    assertEquals("now()", setDefault.expression());
    assertEquals(Volatility.CONSTANT, ExpressionVolatility.classify(setDefault.expression()));
    assertEquals(
        ActionKind.DROP_DEFAULT, Sql.action("ALTER TABLE t ALTER COLUMN c DROP DEFAULT").kind());
    AlterAction setNn = Sql.action("ALTER TABLE t ALTER c SET NOT NULL");
    assertEquals(ActionKind.SET_NOT_NULL, setNn.kind());
    assertEquals("c", setNn.column());
    assertEquals(
        ActionKind.DROP_NOT_NULL, Sql.action("ALTER TABLE t ALTER COLUMN c DROP NOT NULL").kind());
    AlterAction setExpr =
        Sql.action("ALTER TABLE t ALTER COLUMN total SET EXPRESSION AS (a + b + c)");
    assertEquals(ActionKind.SET_EXPRESSION, setExpr.kind());
    assertEquals("a + b + c", setExpr.expression());
    AlterAction dropExpr = Sql.action("ALTER TABLE t ALTER COLUMN total DROP EXPRESSION IF EXISTS");
    assertEquals(ActionKind.DROP_EXPRESSION, dropExpr.kind());
    assertTrue(dropExpr.ifExists());
  }

  @Test
  void identityStatisticsStorage() {
    AlterAction add =
        Sql.action("ALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY");
    assertEquals(ActionKind.ADD_IDENTITY, add.kind());
    assertEquals("id", add.column());
    assertEquals(
        ActionKind.SET_IDENTITY,
        Sql.action("ALTER TABLE t ALTER COLUMN id SET GENERATED ALWAYS").kind());
    assertEquals(
        ActionKind.SET_IDENTITY,
        Sql.action("ALTER TABLE t ALTER COLUMN id RESTART WITH 100").kind());
    AlterAction drop = Sql.action("ALTER TABLE t ALTER COLUMN id DROP IDENTITY IF EXISTS");
    assertEquals(ActionKind.DROP_IDENTITY, drop.kind());
    assertTrue(drop.ifExists());
    assertEquals(
        ActionKind.SET_STATISTICS,
        Sql.action("ALTER TABLE t ALTER COLUMN c SET STATISTICS 500").kind());
    assertEquals(
        ActionKind.SET_STORAGE,
        Sql.action("ALTER TABLE t ALTER COLUMN c SET STORAGE EXTERNAL").kind());
    assertEquals(
        ActionKind.SET_COMPRESSION,
        Sql.action("ALTER TABLE t ALTER COLUMN c SET COMPRESSION lz4").kind());
    AlterAction colOptions = Sql.action("ALTER TABLE t ALTER COLUMN c SET (n_distinct = 100)");
    assertEquals(ActionKind.SET_OPTIONS, colOptions.kind());
    assertEquals("c", colOptions.column());
  }

  @Test
  void partitions() {
    ParsedStatement attach =
        Sql.parse(
            "ALTER TABLE m ATTACH PARTITION s.m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    AlterAction a = attach.actions().get(0);
    assertEquals(ActionKind.ATTACH_PARTITION, a.kind());
    assertEquals("s.m_2024", a.name());
    assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", a.expression());
    assertEquals(
        List.of(QualifiedName.of("m"), new QualifiedName("s", "m_2024")), attach.relations());
    AlterAction def = Sql.action("ALTER TABLE m ATTACH PARTITION m_other DEFAULT");
    assertEquals("DEFAULT", def.expression());
    AlterAction detach = Sql.action("ALTER TABLE m DETACH PARTITION m_2024 CONCURRENTLY");
    assertEquals(ActionKind.DETACH_PARTITION, detach.kind());
    assertTrue(detach.concurrently());
    assertNull(detach.expression());
    AlterAction finalize = Sql.action("ALTER TABLE m DETACH PARTITION m_2024 FINALIZE");
    assertFalse(finalize.concurrently());
    assertEquals("finalize", finalize.expression());
    assertFalse(Sql.action("ALTER TABLE m DETACH PARTITION m_2024").concurrently());
  }

  @Test
  void renamesAndMoves() {
    AlterAction col = Sql.action("ALTER TABLE t RENAME COLUMN \"Old\" TO new_name");
    assertEquals(ActionKind.RENAME_COLUMN, col.kind());
    assertEquals("Old", col.name());
    assertEquals("Old", col.column());
    assertEquals("new_name", col.newName());
    assertEquals(ActionKind.RENAME_COLUMN, Sql.action("ALTER TABLE t RENAME a TO b").kind());
    AlterAction table = Sql.action("ALTER TABLE IF EXISTS t RENAME TO t2");
    assertEquals(ActionKind.RENAME_TABLE, table.kind());
    assertEquals("t2", table.newName());
    assertEquals("alter_table.rename_table", Sql.parse("ALTER TABLE t RENAME TO t2").kindId());
    AlterAction schema = Sql.action("ALTER TABLE t SET SCHEMA archive");
    assertEquals(ActionKind.SET_SCHEMA, schema.kind());
    assertEquals("archive", schema.newName());
    AlterAction ts = Sql.action("ALTER TABLE t SET TABLESPACE fast");
    assertEquals(ActionKind.SET_TABLESPACE, ts.kind());
    assertEquals("fast", ts.newName());
    assertEquals(
        ActionKind.SET_ACCESS_METHOD, Sql.action("ALTER TABLE t SET ACCESS METHOD heap2").kind());
    assertEquals(ActionKind.SET_LOGGED, Sql.action("ALTER TABLE t SET LOGGED").kind());
    assertEquals(ActionKind.SET_UNLOGGED, Sql.action("ALTER TABLE t SET UNLOGGED").kind());
  }

  @Test
  void storageParametersAndTriggersAndSecurity() {
    AlterAction set = Sql.action("ALTER TABLE t SET (fillfactor = 70, autovacuum_enabled = false)");
    assertEquals(ActionKind.SET_OPTIONS, set.kind());
    assertEquals("fillfactor = 70, autovacuum_enabled = false", set.expression());
    AlterAction reset = Sql.action("ALTER TABLE t RESET (fillfactor)");
    assertEquals(ActionKind.RESET_OPTIONS, reset.kind());
    assertEquals("fillfactor", reset.expression());
    Map<String, ActionKind> cases =
        Map.ofEntries(
            Map.entry("ENABLE TRIGGER trg", ActionKind.ENABLE_TRIGGER),
            Map.entry("ENABLE ALWAYS TRIGGER trg", ActionKind.ENABLE_TRIGGER),
            Map.entry("DISABLE TRIGGER ALL", ActionKind.DISABLE_TRIGGER),
            Map.entry("ENABLE REPLICA RULE r", ActionKind.ENABLE_RULE),
            Map.entry("DISABLE RULE r", ActionKind.DISABLE_RULE),
            Map.entry("ENABLE ROW LEVEL SECURITY", ActionKind.ENABLE_ROW_LEVEL_SECURITY),
            Map.entry("DISABLE ROW LEVEL SECURITY", ActionKind.DISABLE_ROW_LEVEL_SECURITY),
            Map.entry("FORCE ROW LEVEL SECURITY", ActionKind.FORCE_ROW_LEVEL_SECURITY),
            Map.entry("NO FORCE ROW LEVEL SECURITY", ActionKind.NO_FORCE_ROW_LEVEL_SECURITY),
            Map.entry("OWNER TO app_owner", ActionKind.OWNER_TO),
            Map.entry("REPLICA IDENTITY FULL", ActionKind.REPLICA_IDENTITY),
            Map.entry("REPLICA IDENTITY USING INDEX t_idx", ActionKind.REPLICA_IDENTITY),
            Map.entry("CLUSTER ON t_idx", ActionKind.CLUSTER_ON),
            Map.entry("SET WITHOUT CLUSTER", ActionKind.SET_WITHOUT_CLUSTER),
            Map.entry("SET WITHOUT OIDS", ActionKind.SET_WITHOUT_OIDS),
            Map.entry("INHERIT parent", ActionKind.INHERIT),
            Map.entry("NO INHERIT parent", ActionKind.NO_INHERIT),
            Map.entry("OF some_type", ActionKind.OF_TYPE),
            Map.entry("NOT OF", ActionKind.NOT_OF));
    cases.forEach(
        (sub, kind) -> assertEquals(kind, Sql.action("ALTER TABLE t " + sub).kind(), sub));
    assertEquals("trg", Sql.action("ALTER TABLE t ENABLE TRIGGER trg").name());
    assertEquals("app_owner", Sql.action("ALTER TABLE t OWNER TO app_owner").newName());
    assertEquals("FULL", Sql.action("ALTER TABLE t REPLICA IDENTITY FULL").expression());
    assertEquals("t_idx", Sql.action("ALTER TABLE t CLUSTER ON t_idx").name());
    assertEquals("parent", Sql.action("ALTER TABLE t INHERIT parent").name());
  }

  @Test
  void unknownSubCommandIsOtherWithItsText() {
    AlterAction a = Sql.action("ALTER TABLE t SOMETHING NEW");
    assertEquals(ActionKind.OTHER, a.kind());
    assertEquals("SOMETHING NEW", a.raw());
    assertEquals(StatementKind.ALTER_TABLE, Sql.parse("ALTER TABLE t SOMETHING NEW").kind());
  }
}
