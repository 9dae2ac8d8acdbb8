package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ColumnDef.Generated;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateTableRecognizerTest {

  private static ColumnDef column(ParsedStatement p, String name) {
    return p.actions().stream()
        .filter(a -> a.kind() == ActionKind.ADD_COLUMN && a.columnDef().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + name + " in " + p.actions()))
        .columnDef();
  }

  private static List<ConstraintDef> tableConstraints(ParsedStatement p) {
    return p.actions().stream()
        .filter(a -> a.kind() == ActionKind.ADD_CONSTRAINT)
        .map(a -> a.constraint())
        .toList();
  }

  private static TypeName type(String written) {
    return column(Sql.parse("CREATE TABLE t (c " + written + ")"), "c").type();
  }

  @Test
  void columnsTypesDefaultsAndNullability() {
    ParsedStatement p =
        Sql.parse(
            """
        CREATE TABLE IF NOT EXISTS app."Orders" (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          "Status" varchar(20) NOT NULL DEFAULT 'new',
          total numeric(12,2) DEFAULT 0 CHECK (total >= 0),
          created_at timestamp(3) with time zone NOT NULL DEFAULT now(),
          token uuid DEFAULT gen_random_uuid(),
          note text COLLATE "C" NULL
        )""");
    assertEquals(StatementKind.CREATE_TABLE, p.kind());
    assertEquals("recognizer", p.parser());
    assertEquals(new QualifiedName("app", "Orders"), p.target());
    assertEquals(List.of(new QualifiedName("app", "Orders")), p.relations());
    assertTrue(p.has(Flag.IF_NOT_EXISTS));
    assertEquals(6, p.actions().size());

    ColumnDef id = column(p, "id");
    assertEquals("int8", id.type().name());
    assertEquals(Generated.IDENTITY_ALWAYS, id.generated());
    assertTrue(id.notNull(), "PRIMARY KEY implies NOT NULL");
    assertEquals(ConstraintType.PRIMARY_KEY, id.constraints().get(0).type());
    assertEquals(List.of("id"), id.constraints().get(0).columns());

    ColumnDef status = column(p, "Status");
    assertEquals("varchar", status.type().name());
    assertEquals(List.of(20), status.type().modifiers());
    assertTrue(status.notNull());
    assertEquals("'new'", status.defaultExpression());
    assertEquals(Volatility.CONSTANT, status.defaultVolatility());

    ColumnDef total = column(p, "total");
    assertEquals(List.of(12, 2), total.type().modifiers());
    assertEquals("0", total.defaultExpression());
    assertFalse(total.notNull());
    assertEquals(ConstraintType.CHECK, total.constraints().get(0).type());
    assertEquals("total >= 0", total.constraints().get(0).expression());

    ColumnDef created = column(p, "created_at");
    assertEquals("timestamptz", created.type().name());
    assertEquals(List.of(3), created.type().modifiers());
    assertEquals("timestamp(3) with time zone", created.type().raw());
    assertEquals(Volatility.CONSTANT, created.defaultVolatility());

    assertEquals(Volatility.VOLATILE, column(p, "token").defaultVolatility());
    ColumnDef note = column(p, "note");
    assertEquals("C", note.collation());
    assertFalse(note.notNull());
    assertEquals(Volatility.NONE, note.defaultVolatility());
    assertNull(note.defaultExpression());
  }

  @Test
  void typeNormalisation() {
    assertEquals("int4", type("int").name());
    assertEquals("int4", type("INTEGER").name());
    assertEquals("int2", type("smallint").name());
    assertEquals("int8", type("bigint").name());
    assertEquals("bool", type("boolean").name());
    assertEquals("float8", type("double precision").name());
    assertEquals("float4", type("real").name());
    assertEquals("float4", type("float(10)").name());
    assertEquals("float8", type("float").name());
    TypeName cv = type("character varying(255)");
    assertEquals("varchar", cv.name());
    assertEquals(List.of(255), cv.modifiers());
    assertEquals("bpchar", type("char(2)").name());
    assertEquals("varbit", type("bit varying(8)").name());
    assertEquals("timestamp", type("timestamp without time zone").name());
    assertEquals("timestamptz", type("timestamptz").name());
    assertEquals("timetz", type("time with time zone").name());
    TypeName interval = type("interval day to second(3)");
    assertEquals("interval", interval.name());
    assertEquals(List.of(3), interval.modifiers());
    TypeName arr = type("text[]");
    assertEquals("text", arr.name());
    assertEquals(1, arr.arrayDimensions());
    assertEquals(2, type("int[][]").arrayDimensions());
    assertEquals(1, type("integer ARRAY").arrayDimensions());
    TypeName user = type("billing.\"Money\"");
    assertEquals("billing.Money", user.name());
    TypeName geo = type("geometry(Point, 4326)");
    assertEquals("geometry", geo.name());
    assertEquals(List.of(4326), geo.modifiers());
    assertEquals("int8", type("pg_catalog.int8").name());
    assertEquals("pg_catalog.text", type("pg_catalog.text").name());
    assertTrue(type("bigserial").isSerial());
    assertEquals("int8", type("serial8").storageName());
    assertEquals(List.of(12, 2), type("decimal(12, 2)").modifiers());
    assertEquals("numeric", type("decimal(12, 2)").name());
  }

  @Test
  void defaultVolatility() {
    String[] constant = {
      "42",
      "-1.5",
      "'x'",
      "'{}'::jsonb",
      "'{}'::text[]",
      "ARRAY[]::text[]",
      "true",
      "CURRENT_TIMESTAMP",
      "current_date",
      "LOCALTIMESTAMP",
      "now()",
      "current_user",
      "statement_timestamp()",
      "transaction_timestamp()",
      "(now() AT TIME ZONE 'utc')",
      "1 + 2 * 3",
      "CAST('a' AS varchar(10))",
      "'0'::numeric(12,2)",
      "timezone('utc', now())",
      "interval '1 day'",
      "NULL",
      "'a' || 'b'",
      "lower('X')"
    };
    for (String expr : constant) {
      ColumnDef c = column(Sql.parse("CREATE TABLE t (c text DEFAULT " + expr + " NOT NULL)"), "c");
      assertEquals(expr, c.defaultExpression());
      assertEquals(Volatility.CONSTANT, c.defaultVolatility(), expr);
      assertTrue(c.notNull(), expr);
    }
    String[] volatile_ = {
      "random()",
      "gen_random_uuid()",
      "uuid_generate_v4()",
      "clock_timestamp()",
      "timeofday()",
      "nextval('s'::regclass)",
      "my_function()",
      "public.make_id()",
      "floor(random() * 10)"
    };
    for (String expr : volatile_) {
      assertEquals(
          Volatility.VOLATILE,
          column(Sql.parse("CREATE TABLE t (c text DEFAULT " + expr + ")"), "c")
              .defaultVolatility(),
          expr);
    }
    assertEquals(Volatility.CONSTANT, ExpressionVolatility.classify("now()"));
    assertEquals(Volatility.NONE, ExpressionVolatility.classify(" "));
    assertEquals(Volatility.VOLATILE, ExpressionVolatility.classify("(SELECT max(id) FROM t)"));
  }

  @Test
  void generatedColumns() {
    ParsedStatement p =
        Sql.parse(
            "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED,"
                + " c int GENERATED ALWAYS AS (a + 1) VIRTUAL, d int GENERATED ALWAYS AS (a + 2),"
                + " e int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 1))");
    assertEquals(Generated.STORED, column(p, "b").generated());
    assertEquals("a * 2", column(p, "b").generationExpression());
    assertEquals(Generated.VIRTUAL, column(p, "c").generated());
    assertEquals(
        Generated.VIRTUAL, column(p, "d").generated(), "PostgreSQL 18: VIRTUAL is the default");
    assertEquals(Generated.IDENTITY_BY_DEFAULT, column(p, "e").generated());
    assertEquals(Generated.NONE, column(p, "a").generated());
  }

  @Test
  void inlineAndTableConstraints() {
    ParsedStatement p =
        Sql.parse(
            """
        create table child (
          id serial primary key,
          parent_id uuid not null references app.parent (id) on delete cascade,
          code text constraint code_unique unique,
          email text,
          period tstzrange,
          constraint child_email_key unique (email) include (code),
          foreign key (code, email) references other on update cascade on delete set null deferrable initially deferred,
          check (char_length(code) > 0 and email is not null),
          constraint no_overlap exclude using gist (parent_id with =, period with &&),
          primary key (id, code)
        )""");
    assertEquals(5, p.actions().stream().filter(a -> a.kind() == ActionKind.ADD_COLUMN).count());
    ConstraintDef fk = column(p, "parent_id").constraints().get(0);
    assertEquals(ConstraintType.FOREIGN_KEY, fk.type());
    assertEquals(new QualifiedName("app", "parent"), fk.referencedTable());
    assertEquals(List.of("id"), fk.referencedColumns());
    assertEquals(List.of("parent_id"), fk.columns());
    assertEquals("cascade", fk.onDelete());
    assertEquals("code_unique", column(p, "code").constraints().get(0).name());
    assertTrue(column(p, "id").type().isSerial());

    List<ConstraintDef> table = tableConstraints(p);
    assertEquals(5, table.size());
    assertEquals("child_email_key", table.get(0).name());
    assertEquals(ConstraintType.UNIQUE, table.get(0).type());
    assertEquals(List.of("email"), table.get(0).columns());
    ConstraintDef fk2 = table.get(1);
    assertEquals(List.of("code", "email"), fk2.columns());
    assertEquals(QualifiedName.of("other"), fk2.referencedTable());
    assertEquals(List.of(), fk2.referencedColumns());
    assertEquals("set null", fk2.onDelete());
    assertTrue(fk2.deferrable());
    ConstraintDef check = table.get(2);
    assertEquals(ConstraintType.CHECK, check.type());
    assertEquals(List.of("code", "email"), check.columns());
    ConstraintDef exclude = table.get(3);
    assertEquals(ConstraintType.EXCLUDE, exclude.type());
    assertEquals("parent_id with =, period with &&", exclude.expression());
    assertTrue(exclude.needsIndex());
    assertEquals(List.of("id", "code"), table.get(4).columns());
    assertEquals(ConstraintType.PRIMARY_KEY, table.get(4).type());
  }

  @Test
  void partitionsLikeInheritsAndTableKinds() {
    ParsedStatement parent =
        Sql.parse("CREATE UNLOGGED TABLE m (id int, at date) PARTITION BY RANGE (at)");
    assertTrue(parent.has(Flag.PARTITIONED));
    assertTrue(parent.has(Flag.UNLOGGED));
    assertEquals("range", parent.attribute("partition_strategy"));

    ParsedStatement part =
        Sql.parse(
            "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    assertTrue(part.has(Flag.PARTITION_OF));
    assertEquals(List.of(QualifiedName.of("m_2024"), QualifiedName.of("m")), part.relations());
    assertEquals(
        "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", part.attribute("partition_bound"));

    ParsedStatement like =
        Sql.parse(
            "CREATE TEMP TABLE copy (LIKE src INCLUDING ALL, extra int) INHERITS (base1, s.base2)");
    assertTrue(like.has(Flag.TEMPORARY));
    assertEquals(
        List.of(
            QualifiedName.of("copy"),
            QualifiedName.of("src"),
            QualifiedName.of("base1"),
            new QualifiedName("s", "base2")),
        like.relations());
    assertEquals(1, like.actions().size());

    ParsedStatement ctas = Sql.parse("CREATE TABLE snapshot AS SELECT * FROM orders WITH NO DATA");
    assertEquals(StatementKind.CREATE_TABLE_AS, ctas.kind());
    assertTrue(ctas.has(Flag.WITH_NO_DATA));
  }

  @Test
  void goTemplateSchemaIsKeptAsWritten() {
    ParsedStatement p =
        Sql.parse(
            "create table if not exists {{ index .Options \"Namespace\" }}.sso_domains (id uuid not null, primary key (id))");
    assertEquals(
        new QualifiedName("{{ index .Options \"Namespace\" }}", "sso_domains"), p.target());
    assertEquals(ConstraintType.PRIMARY_KEY, tableConstraints(p).get(0).type());
    // the same placeholder inside double quotes names the same schema
    ParsedStatement quoted =
        Sql.parse(
            "CREATE INDEX IF NOT EXISTS i ON \"{{ index .Options \"Namespace\" }}\".users"
                + " USING btree (instance_id, lower(email))");
    assertEquals(new QualifiedName("{{ index .Options \"Namespace\" }}", "users"), quoted.target());
    assertEquals(List.of("instance_id", "lower(email)"), quoted.index().columns());
  }
}
