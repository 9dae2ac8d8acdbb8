package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.family.index.Reindex;
import dev.schemagate.analyzer.family.role.DefaultPrivileges;
import dev.schemagate.analyzer.family.role.GrantObject;
import dev.schemagate.analyzer.family.routine.Language;
import dev.schemagate.analyzer.family.routine.Trigger;
import dev.schemagate.analyzer.family.statistics.StatisticsOn;
import dev.schemagate.analyzer.family.type.DomainDefinition;
import dev.schemagate.analyzer.family.type.TypeDefinition;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtherStatementsRecognizerTest {

  private static QualifiedName q(String name) {
    int dot = name.indexOf('.');
    return dot < 0
        ? QualifiedName.of(name)
        : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
  }

  private static void assertKind(StatementKind kind, String target, String sql) {
    ParsedStatement p = Sql.parse(sql);
    assertEquals(kind, p.kind(), sql);
    assertEquals("recognizer", p.parser(), sql);
    assertEquals(target == null ? null : q(target), p.target(), sql);
  }

  /** Issue 13: CREATE STATISTICS was create_other, with no table and no lock. */
  @Test
  void extendedStatistics() {
    ParsedStatement p =
        Sql.parse(
            "CREATE STATISTICS IF NOT EXISTS app.orders_dep (dependencies, ndistinct)"
                + " ON customer_id, (lower(status)) FROM app.orders");
    assertEquals(StatementKind.CREATE_STATISTICS, p.kind());
    assertEquals(q("app.orders_dep"), p.target());
    assertTrue(p.has(Flag.IF_NOT_EXISTS));
    assertTrue(p.relations().contains(q("app.orders")), p.relations().toString());
    assertEquals(new StatisticsOn(q("app.orders")), p.detail(StatisticsOn.class).orElseThrow());
    ParsedStatement unnamed = Sql.parse("CREATE STATISTICS ON a, b FROM t");
    assertEquals(StatementKind.CREATE_STATISTICS, unnamed.kind());
    assertNull(unnamed.target());
    assertEquals(List.of(q("t")), unnamed.relations());
    assertKind(
        StatementKind.ALTER_STATISTICS,
        "s.orders_dep",
        "ALTER STATISTICS s.orders_dep SET STATISTICS 500");
    assertKind(
        StatementKind.DROP_STATISTICS,
        "orders_dep",
        "DROP STATISTICS IF EXISTS orders_dep CASCADE");
  }

  @Test
  void createIndex() {
    ParsedStatement p =
        Sql.parse(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON ONLY app.users"
                + " USING btree (lower(email), tenant_id DESC NULLS LAST, (a + b)) INCLUDE (name) WHERE deleted_at IS NULL");
    assertEquals(StatementKind.CREATE_INDEX, p.kind());
    assertEquals(q("app.users"), p.target());
    assertTrue(p.has(Flag.CONCURRENTLY));
    assertTrue(p.has(Flag.IF_NOT_EXISTS));
    assertTrue(p.has(Flag.ONLY));
    IndexDef idx = p.index();
    assertEquals("users_email_idx", idx.name());
    assertTrue(idx.unique());
    assertTrue(idx.only());
    assertEquals("btree", idx.method());
    assertEquals(List.of("lower(email)", "tenant_id", "(a + b)"), idx.columns());
    assertEquals("deleted_at IS NULL", idx.predicate());

    ParsedStatement plain = Sql.parse("create index on t using gin (data jsonb_path_ops)");
    assertNull(plain.index().name());
    assertFalse(plain.index().unique());
    assertFalse(plain.has(Flag.CONCURRENTLY));
    assertEquals("gin", plain.index().method());
    assertEquals(List.of("data"), plain.index().columns());
    assertNull(plain.index().predicate());
    ParsedStatement quoted =
        Sql.parse("create unique index \"Idx\" on \"T\" (\"A\") where (\"b\" is null)");
    assertEquals(List.of("A"), quoted.index().columns());
    assertEquals("Idx", quoted.index().name());
    assertEquals(q("T"), quoted.target());
  }

  @Test
  void dropStatementsNameEveryObject() {
    ParsedStatement drop = Sql.parse("DROP TABLE IF EXISTS a, s.b CASCADE");
    assertEquals(StatementKind.DROP_TABLE, drop.kind());
    assertEquals(List.of(q("a"), q("s.b")), drop.relations());
    assertTrue(drop.has(Flag.IF_EXISTS));
    assertTrue(drop.has(Flag.CASCADE));
    ParsedStatement idx = Sql.parse("DROP INDEX CONCURRENTLY IF EXISTS app.i1");
    assertEquals(StatementKind.DROP_INDEX, idx.kind());
    assertTrue(idx.has(Flag.CONCURRENTLY));
    assertEquals(q("app.i1"), idx.target());
    assertFalse(Sql.parse("DROP INDEX i1").has(Flag.CONCURRENTLY));
    assertEquals(List.of(q("v1"), q("v2")), Sql.parse("DROP VIEW v1, v2").relations());
    assertKind(StatementKind.DROP_MATERIALIZED_VIEW, "mv", "DROP MATERIALIZED VIEW mv");
    assertKind(StatementKind.DROP_SEQUENCE, "s", "DROP SEQUENCE IF EXISTS s");
    assertEquals(List.of(q("t1"), q("t2")), Sql.parse("DROP TYPE t1, t2").relations());
    assertKind(StatementKind.DROP_DOMAIN, "d", "DROP DOMAIN d");
    ParsedStatement fn = Sql.parse("DROP FUNCTION IF EXISTS s.f(int, text), g()");
    assertEquals(StatementKind.DROP_FUNCTION, fn.kind());
    assertEquals(List.of(q("s.f"), q("g")), fn.relations());
    assertKind(StatementKind.DROP_PROCEDURE, "p", "DROP PROCEDURE p(int)");
    ParsedStatement trigger = Sql.parse("DROP TRIGGER IF EXISTS trg ON app.orders");
    assertEquals(StatementKind.DROP_TRIGGER, trigger.kind());
    assertEquals(q("app.orders"), trigger.target());
    assertEquals(new Trigger("trg", null, false), trigger.detail(Trigger.class).orElseThrow());
    assertKind(StatementKind.DROP_RULE, "t", "DROP RULE r ON t");
    assertKind(StatementKind.DROP_POLICY, "t", "DROP POLICY IF EXISTS \"p 1\" ON t");
    assertKind(StatementKind.DROP_SCHEMA, "s", "DROP SCHEMA s CASCADE");
    assertKind(StatementKind.DROP_EXTENSION, "pgcrypto", "DROP EXTENSION pgcrypto");
    assertKind(StatementKind.DROP_PUBLICATION, "pub", "DROP PUBLICATION pub");
    assertKind(StatementKind.DROP_ROLE, "app", "DROP ROLE app");
    ParsedStatement other = Sql.parse("DROP EVENT TRIGGER IF EXISTS audit");
    assertEquals(StatementKind.DROP_OTHER, other.kind());
    assertEquals("event trigger", other.attribute("object_type"));
    assertEquals(q("audit"), other.target());
    assertEquals("owned", Sql.parse("DROP OWNED BY app").attribute("object_type"));
  }

  @Test
  void truncateAndLock() {
    ParsedStatement t = Sql.parse("TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE");
    assertEquals(StatementKind.TRUNCATE, t.kind());
    assertEquals(List.of(q("a"), q("b")), t.relations());
    assertTrue(t.has(Flag.CASCADE));
    assertTrue(t.has(Flag.ONLY));
    ParsedStatement lock = Sql.parse("LOCK TABLE a, b IN SHARE ROW EXCLUSIVE MODE NOWAIT");
    assertEquals(StatementKind.LOCK_TABLE, lock.kind());
    assertEquals("share row exclusive", lock.attribute("lock_mode"));
    assertEquals(List.of(q("a"), q("b")), lock.relations());
    assertEquals("access exclusive", Sql.parse("LOCK t").attribute("lock_mode"));
  }

  @Test
  void views() {
    ParsedStatement v = Sql.parse("CREATE OR REPLACE VIEW s.v AS SELECT * FROM t");
    assertEquals(StatementKind.CREATE_VIEW, v.kind());
    assertTrue(v.has(Flag.OR_REPLACE));
    assertEquals(q("s.v"), v.target());
    ParsedStatement mv =
        Sql.parse("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1 WITH NO DATA");
    assertEquals(StatementKind.CREATE_MATERIALIZED_VIEW, mv.kind());
    assertTrue(mv.has(Flag.WITH_NO_DATA));
    assertTrue(mv.has(Flag.IF_NOT_EXISTS));
    ParsedStatement refresh = Sql.parse("REFRESH MATERIALIZED VIEW CONCURRENTLY mv");
    assertEquals(StatementKind.REFRESH_MATERIALIZED_VIEW, refresh.kind());
    assertTrue(refresh.has(Flag.CONCURRENTLY));
    assertFalse(Sql.parse("REFRESH MATERIALIZED VIEW mv").has(Flag.CONCURRENTLY));
    assertEquals(ActionKind.RENAME_TABLE, Sql.action("ALTER VIEW v RENAME TO v2").kind());
    assertKind(StatementKind.ALTER_VIEW, "v", "ALTER VIEW v OWNER TO x");
    assertKind(
        StatementKind.ALTER_MATERIALIZED_VIEW, "mv", "ALTER MATERIALIZED VIEW mv SET TABLESPACE t");
  }

  @Test
  void indexMaintenance() {
    ParsedStatement alter = Sql.parse("ALTER INDEX IF EXISTS i RENAME TO j");
    assertEquals(StatementKind.ALTER_INDEX, alter.kind());
    assertEquals(q("i"), alter.target());
    assertEquals("j", alter.actions().get(0).newName());
    assertEquals(
        ActionKind.ATTACH_PARTITION,
        Sql.action("ALTER INDEX parent_idx ATTACH PARTITION child_idx").kind());
    assertEquals(ActionKind.SET_TABLESPACE, Sql.action("ALTER INDEX i SET TABLESPACE fast").kind());
    ParsedStatement reindex = Sql.parse("REINDEX INDEX CONCURRENTLY app.i");
    assertEquals(StatementKind.REINDEX, reindex.kind());
    assertEquals(new Reindex("index"), reindex.detail(Reindex.class).orElseThrow());
    assertTrue(reindex.has(Flag.CONCURRENTLY));
    assertEquals(q("app.i"), reindex.target());
    ParsedStatement table = Sql.parse("REINDEX (VERBOSE, CONCURRENTLY) TABLE t");
    assertEquals(new Reindex("table"), table.detail(Reindex.class).orElseThrow());
    assertTrue(table.has(Flag.CONCURRENTLY));
    ParsedStatement db = Sql.parse("REINDEX DATABASE");
    assertEquals(new Reindex("database"), db.detail(Reindex.class).orElseThrow());
    assertFalse(db.has(Flag.CONCURRENTLY));
  }

  @Test
  void typesDomains() {
    ParsedStatement en = Sql.parse("CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'it''s fine')");
    assertEquals(StatementKind.CREATE_ENUM, en.kind());
    assertEquals(q("app.mood"), en.target());
    assertEquals(
        new TypeDefinition("enum", List.of("sad", "ok", "it's fine")),
        en.detail(TypeDefinition.class).orElseThrow());
    assertEquals(
        "composite",
        Sql.parse("CREATE TYPE pair AS (a int, b text)")
            .detail(TypeDefinition.class)
            .orElseThrow()
            .kind());
    assertEquals(
        StatementKind.CREATE_TYPE, Sql.parse("CREATE TYPE pair AS (a int, b text)").kind());
    assertEquals(
        "range",
        Sql.parse("CREATE TYPE fr AS RANGE (subtype = float8)")
            .detail(TypeDefinition.class)
            .orElseThrow()
            .kind());

    ParsedStatement add = Sql.parse("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' BEFORE 'ok'");
    assertEquals(StatementKind.ALTER_TYPE, add.kind());
    assertEquals("alter_type.add_enum_value", add.kindId());
    AlterAction a = add.actions().get(0);
    assertEquals("happy", a.newName());
    assertEquals("BEFORE 'ok'", a.expression());
    assertTrue(a.ifNotExists());
    assertNull(Sql.action("ALTER TYPE mood ADD VALUE 'x'").expression());
    AlterAction rv = Sql.action("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'");
    assertEquals(ActionKind.RENAME_ENUM_VALUE, rv.kind());
    assertEquals("sad", rv.name());
    assertEquals("blue", rv.newName());
    AlterAction rt = Sql.action("ALTER TYPE mood RENAME TO feeling");
    assertEquals(ActionKind.RENAME_TABLE, rt.kind());
    assertEquals("feeling", rt.newName());

    ParsedStatement dom = Sql.parse("CREATE DOMAIN email AS text CHECK (VALUE ~ '@')");
    assertEquals(StatementKind.CREATE_DOMAIN, dom.kind());
    assertEquals(new DomainDefinition("text"), dom.detail(DomainDefinition.class).orElseThrow());
    assertEquals(
        ActionKind.ADD_CONSTRAINT,
        Sql.action("ALTER DOMAIN email ADD CONSTRAINT c CHECK (length(VALUE) < 300) NOT VALID")
            .kind());
    assertEquals(ActionKind.SET_NOT_NULL, Sql.action("ALTER DOMAIN email SET NOT NULL").kind());
    assertEquals(
        ActionKind.VALIDATE_CONSTRAINT,
        Sql.action("ALTER DOMAIN email VALIDATE CONSTRAINT c").kind());
  }

  @Test
  void functionsTriggersDoAndCall() {
    ParsedStatement fn =
        Sql.parse(
            """
        CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger AS $body$
        BEGIN
          NEW.updated_at := now();
          RETURN NEW;
        END;
        $body$ LANGUAGE plpgsql""");
    assertEquals(StatementKind.CREATE_FUNCTION, fn.kind());
    assertTrue(fn.has(Flag.OR_REPLACE));
    assertEquals(q("app.touch"), fn.target());
    assertEquals(new Language("plpgsql"), fn.detail(Language.class).orElseThrow());
    ParsedStatement atomic =
        Sql.parse(
            "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + b; END");
    assertEquals(StatementKind.CREATE_FUNCTION, atomic.kind());
    assertKind(
        StatementKind.CREATE_PROCEDURE, "p", "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'");

    ParsedStatement trg =
        Sql.parse(
            "CREATE OR REPLACE TRIGGER set_updated BEFORE UPDATE OF a, b ON app.orders"
                + " FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION app.touch()");
    assertEquals(StatementKind.CREATE_TRIGGER, trg.kind());
    assertEquals(q("app.orders"), trg.target());
    assertEquals(
        new Trigger("set_updated", "app.touch", false), trg.detail(Trigger.class).orElseThrow());
    ParsedStatement ct =
        Sql.parse(
            "CREATE CONSTRAINT TRIGGER c AFTER INSERT ON t DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE f()");
    assertEquals(q("t"), ct.target());
    assertTrue(ct.detail(Trigger.class).orElseThrow().constraintTrigger());
    assertKind(StatementKind.ALTER_TRIGGER, "t", "ALTER TRIGGER trg ON t RENAME TO trg2");

    ParsedStatement doBlock =
        Sql.parse(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN CREATE TYPE x AS ENUM ('a'); END IF; END $$");
    assertEquals(StatementKind.DO_BLOCK, doBlock.kind());
    assertEquals(new Language("plpgsql"), doBlock.detail(Language.class).orElseThrow());
    assertEquals(
        new Language("plpython3u"),
        Sql.parse("DO LANGUAGE plpython3u 'pass'").detail(Language.class).orElseThrow());
    assertEquals(List.of(), doBlock.relations());
    ParsedStatement renames =
        Sql.parse(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN ALTER TABLE IF EXISTS ONLY app.users"
                + " RENAME COLUMN id TO provider_id; ALTER TABLE \"Logs\" ADD COLUMN x int; END IF;"
                + " EXECUTE 'ALTER TABLE hidden ADD COLUMN y int'; END $$");
    assertEquals(
        List.of(q("app.users"), QualifiedName.of("Logs")),
        renames.relations(),
        "tables the body alters, not those inside EXECUTE strings");
    assertEquals(
        List.of(),
        Sql.parse("DO LANGUAGE plpython3u 'ALTER TABLE t ADD COLUMN x int'").relations());
    assertKind(StatementKind.CALL, "app.batch", "CALL app.batch(1000)");
  }

  @Test
  void schemaObjects() {
    assertKind(
        StatementKind.CREATE_SCHEMA, "app", "CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION owner");
    assertKind(StatementKind.ALTER_SCHEMA, "app", "ALTER SCHEMA app RENAME TO app2");
    ParsedStatement ext =
        Sql.parse("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA extensions");
    assertEquals(StatementKind.CREATE_EXTENSION, ext.kind());
    assertEquals(q("uuid-ossp"), ext.target());
    assertEquals("extensions", ext.attribute("schema"));
    assertTrue(ext.has(Flag.IF_NOT_EXISTS));
    assertKind(StatementKind.ALTER_EXTENSION, "pg_trgm", "ALTER EXTENSION pg_trgm UPDATE TO '1.6'");

    ParsedStatement policy =
        Sql.parse(
            "CREATE POLICY \"owner can read\" ON storage.objects FOR SELECT TO authenticated"
                + " USING (owner = auth.uid())");
    assertEquals(StatementKind.CREATE_POLICY, policy.kind());
    assertEquals(q("storage.objects"), policy.target());
    assertEquals("owner can read", policy.attribute("name"));
    assertKind(StatementKind.ALTER_POLICY, "t", "ALTER POLICY p ON t USING (true)");

    ParsedStatement pub = Sql.parse("CREATE PUBLICATION pub FOR TABLE a, ONLY s.b WHERE (x > 1)");
    assertEquals(StatementKind.CREATE_PUBLICATION, pub.kind());
    assertEquals(List.of(q("pub"), q("a"), q("s.b")), pub.relations());
    assertEquals(
        List.of(q("pub"), q("c")), Sql.parse("ALTER PUBLICATION pub ADD TABLE c").relations());

    assertKind(StatementKind.CREATE_ROLE, "app", "CREATE ROLE app LOGIN PASSWORD 'x'");
    assertKind(StatementKind.CREATE_ROLE, "bob", "CREATE USER bob");
    assertKind(StatementKind.ALTER_ROLE, "app", "ALTER ROLE app SET search_path = app, public");
    ParsedStatement rule = Sql.parse("CREATE RULE r AS ON DELETE TO s.t DO INSTEAD NOTHING");
    assertEquals(StatementKind.CREATE_RULE, rule.kind());
    assertEquals(q("s.t"), rule.target());
  }

  @Test
  void anyOtherObjectIsClassifiedWithItsType() {
    Map<String, String> cases =
        Map.of(
            "CREATE AGGREGATE my_sum (int) (sfunc = int4pl, stype = int)", "aggregate",
            "CREATE TEXT SEARCH CONFIGURATION app.cfg (COPY = english)",
                "text search configuration",
            "CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f()", "event trigger",
            "CREATE FOREIGN TABLE ft (a int) SERVER s", "foreign table",
            "CREATE CAST (text AS mood) WITH INOUT", "cast",
            "CREATE COLLATION c (locale = 'de-DE')", "collation");
    cases.forEach(
        (sql, type) -> {
          ParsedStatement p = Sql.parse(sql);
          assertEquals(StatementKind.CREATE_OTHER, p.kind(), sql);
          assertEquals(type, p.attribute("object_type"), sql);
        });
    ParsedStatement alter = Sql.parse("ALTER FUNCTION f(int) OWNER TO x");
    assertEquals(StatementKind.ALTER_FUNCTION, alter.kind());
    ParsedStatement other = Sql.parse("ALTER AGGREGATE my_sum(int) RENAME TO s2");
    assertEquals(StatementKind.ALTER_OTHER, other.kind());
    assertEquals("aggregate", other.attribute("object_type"));
  }

  @Test
  void commentsGrantsAndSecurity() {
    ParsedStatement col = Sql.parse("COMMENT ON COLUMN app.users.email IS 'primary contact'");
    assertEquals(StatementKind.COMMENT, col.kind());
    assertEquals("column", col.attribute("object_type"));
    assertEquals(q("app.users"), col.target());
    assertEquals("email", col.attribute("column"));
    ParsedStatement con = Sql.parse("COMMENT ON CONSTRAINT c ON t IS NULL");
    assertEquals(q("t"), con.target());
    assertEquals(
        "materialized view",
        Sql.parse("COMMENT ON MATERIALIZED VIEW mv IS 'x'").attribute("object_type"));
    assertEquals(q("f"), Sql.parse("COMMENT ON FUNCTION f(int) IS 'x'").target());

    ParsedStatement grant = Sql.parse("GRANT SELECT, INSERT ON TABLE a, s.b TO app, reporting");
    assertEquals(StatementKind.GRANT, grant.kind());
    assertEquals(new GrantObject("table", null), grant.detail(GrantObject.class).orElseThrow());
    assertEquals(List.of(q("a"), q("s.b")), grant.relations());
    assertEquals(List.of(q("t")), Sql.parse("GRANT ALL ON t TO x").relations());
    ParsedStatement all = Sql.parse("GRANT USAGE ON ALL SEQUENCES IN SCHEMA app TO x");
    assertEquals(
        new GrantObject("all sequences in schema", "app"),
        all.detail(GrantObject.class).orElseThrow());
    assertEquals(
        "role",
        Sql.parse("GRANT admin TO bob").detail(GrantObject.class).orElseThrow().objectType());
    ParsedStatement revoke = Sql.parse("REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC");
    assertEquals(StatementKind.REVOKE, revoke.kind());
    assertEquals("function", revoke.detail(GrantObject.class).orElseThrow().objectType());
    assertEquals(q("f"), revoke.target());
    ParsedStatement schema = Sql.parse("GRANT USAGE ON SCHEMA storage TO anon");
    assertEquals("schema", schema.detail(GrantObject.class).orElseThrow().objectType());
    ParsedStatement adp =
        Sql.parse("ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO reporting");
    assertEquals(StatementKind.ALTER_DEFAULT_PRIVILEGES, adp.kind());
    assertEquals(new DefaultPrivileges("app"), adp.detail(DefaultPrivileges.class).orElseThrow());
    ParsedStatement label =
        Sql.parse(
            "SECURITY LABEL FOR selinux ON TABLE t IS 'system_u:object_r:sepgsql_table_t:s0'");
    assertEquals(StatementKind.SECURITY_LABEL, label.kind());
    assertEquals(q("t"), label.target());
    assertEquals("selinux", label.attribute("provider"));
  }

  @Test
  void maintenance() {
    ParsedStatement full = Sql.parse("VACUUM FULL ANALYZE t");
    assertEquals(StatementKind.VACUUM, full.kind());
    assertTrue(full.has(Flag.FULL));
    assertEquals(q("t"), full.target());
    assertTrue(Sql.parse("VACUUM (FULL, VERBOSE) a, b").has(Flag.FULL));
    assertFalse(Sql.parse("VACUUM (FULL false) a").has(Flag.FULL));
    assertFalse(Sql.parse("VACUUM t").has(Flag.FULL));
    assertKind(StatementKind.ANALYZE, "t", "ANALYZE VERBOSE t (a, b)");
    assertKind(StatementKind.ANALYZE, null, "ANALYZE");
    ParsedStatement cluster = Sql.parse("CLUSTER t USING t_idx");
    assertEquals(StatementKind.CLUSTER, cluster.kind());
    assertEquals(q("t"), cluster.target());
    assertEquals("t_idx", cluster.attribute("index"));
    assertEquals(q("t"), Sql.parse("CLUSTER t_idx ON t").target());
  }

  @Test
  void psqlMetaCommands() {
    ParsedStatement p = Sql.parse("\\connect app");
    assertEquals(StatementKind.PSQL_META, p.kind());
    assertEquals("\\connect app", p.attribute("meta"));
    assertEquals("recognizer", p.parser());
  }

  @Test
  void unparsedStatementsCarryAReason() {
    ParsedStatement unknown = Sql.parse("FROBNICATE the database");
    assertEquals(StatementKind.UNPARSED, unknown.kind());
    assertEquals("none", unknown.parser());
    assertEquals("unknown statement starting with FROBNICATE", unknown.reason());
    assertEquals(
        "unterminated dollar quote $$", Sql.parseAll("SELECT 1; DO $$ BEGIN").get(1).reason());
    assertEquals("unterminated string literal", Sql.parse("SELECT 'abc").reason());
    assertEquals("unterminated /* comment", Sql.parseAll("SELECT 1; /* x").get(1).reason());
    assertEquals("unterminated quoted identifier", Sql.parse("SELECT \"abc").reason());
    ParsedStatement badCreate = Sql.parse("CREATE TABLE (");
    assertEquals(StatementKind.UNPARSED, badCreate.kind());
    assertEquals("could not read CREATE TABLE ( statement", badCreate.reason());
    assertEquals(1, badCreate.source().line());
  }
}
