package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmlParserTest {

  private static QualifiedName q(String name) {
    int dot = name.indexOf('.');
    return dot < 0
        ? QualifiedName.of(name)
        : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
  }

  @Test
  void insertWithValuesAndFromQuery() {
    ParsedStatement values =
        Sql.parse("INSERT INTO app.users (id, name) VALUES (1, 'a'), (2, 'b')");
    assertEquals(StatementKind.INSERT, values.kind());
    assertEquals("recognizer", values.parser(), "single-table DML needs no JSqlParser");
    assertEquals(q("app.users"), values.target());
    assertEquals(List.of(q("app.users")), values.relations());

    ParsedStatement select =
        Sql.parse(
            "INSERT INTO archive (id) SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id"
                + " WHERE o.created_at < now() - interval '1 year'");
    assertEquals(StatementKind.INSERT_SELECT, select.kind());
    assertEquals("jsqlparser", select.parser());
    assertEquals(q("archive"), select.target());
    assertEquals(q("archive"), select.relations().get(0), "target first");
    assertEquals(3, select.relations().size());
    assertTrue(select.relations().containsAll(List.of(q("orders"), q("users"))));
  }

  /** Issue 13: OVERRIDING SYSTEM|USER VALUE before the query was read as INSERT … VALUES. */
  @Test
  void insertOverridingValueSelectIsAnInsertSelect() {
    for (String overriding : List.of("OVERRIDING SYSTEM VALUE", "overriding user value")) {
      ParsedStatement p =
          Sql.parse(
              "INSERT INTO person_new (id, name) " + overriding + " SELECT id, name FROM person");
      assertEquals(StatementKind.INSERT_SELECT, p.kind(), overriding + " via " + p.parser());
      assertEquals(q("person_new"), p.target());
      assertTrue(p.relations().contains(q("person")), "the source is a relation: " + p.relations());
      ParsedStatement values =
          Sql.parse("INSERT INTO person_new (id, name) " + overriding + " VALUES (1, 'a')");
      assertEquals(StatementKind.INSERT, values.kind(), overriding + " VALUES");
    }
  }

  @Test
  void positionalParametersMarkAKeyRangeBatch() {
    ParsedStatement batch =
        Sql.parse(
            "UPDATE orders SET status = 'open' WHERE id >= $1 AND id < $2 AND status IS NULL");
    assertEquals(StatementKind.UPDATE, batch.kind());
    assertTrue(batch.has(Flag.PARAMETERIZED));
    ParsedStatement delete =
        Sql.parse("DELETE FROM orders WHERE id >= $1 AND id < $2 AND status = 'x'");
    assertTrue(delete.has(Flag.PARAMETERIZED));
    assertFalse(
        Sql.parse("UPDATE orders SET note = '$1' WHERE id < 10").has(Flag.PARAMETERIZED),
        "a string is no parameter");
    assertFalse(Sql.parse("UPDATE orders SET status = 'open'").has(Flag.PARAMETERIZED));
  }

  @Test
  void updateAndDeleteKnowTheirWhereClause() {
    ParsedStatement all = Sql.parse("UPDATE users SET active = true");
    assertEquals(StatementKind.UPDATE, all.kind());
    assertEquals("recognizer", all.parser(), "single-table DML needs no JSqlParser");
    assertEquals(q("users"), all.target());
    assertFalse(all.has(Flag.HAS_WHERE));
    ParsedStatement batch =
        Sql.parse(
            "UPDATE users u SET active = true FROM plans p WHERE u.plan_id = p.id AND u.id < 1000");
    assertEquals("jsqlparser", batch.parser());
    assertTrue(batch.has(Flag.HAS_WHERE));
    assertEquals(q("users"), batch.target());
    assertTrue(batch.relations().contains(q("plans")));
    ParsedStatement del = Sql.parse("DELETE FROM sessions WHERE expires_at < now()");
    assertEquals(StatementKind.DELETE, del.kind());
    assertTrue(del.has(Flag.HAS_WHERE));
    assertEquals(q("sessions"), del.target());
    assertFalse(Sql.parse("DELETE FROM sessions").has(Flag.HAS_WHERE));
  }

  @Test
  void mergeSelectAndCtes() {
    ParsedStatement merge =
        Sql.parse(
            "MERGE INTO stock s USING deliveries d ON s.item = d.item"
                + " WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty WHEN NOT MATCHED THEN INSERT (item, qty) VALUES (d.item, d.qty)");
    assertEquals(StatementKind.MERGE, merge.kind());
    assertEquals(q("stock"), merge.target());
    assertTrue(merge.relations().contains(q("deliveries")));

    ParsedStatement select =
        Sql.parse("SELECT count(*) FROM app.users WHERE id IN (SELECT user_id FROM orders)");
    assertEquals(StatementKind.SELECT, select.kind());
    assertEquals(null, select.target());
    assertTrue(select.relations().containsAll(List.of(q("app.users"), q("orders"))));

    ParsedStatement cte =
        Sql.parse(
            "WITH batch AS (SELECT id FROM users WHERE migrated = false LIMIT 1000)"
                + " UPDATE users SET migrated = true WHERE id IN (SELECT id FROM batch)");
    assertEquals(StatementKind.UPDATE, cte.kind());
    assertEquals(q("users"), cte.target());
    assertFalse(
        cte.relations().contains(q("batch")), "a CTE is not a relation: " + cte.relations());
  }

  @Test
  void templatePlaceholdersSurviveJsqlParser() {
    ParsedStatement p =
        Sql.parse(
            "update {{ index .Options \"Namespace\" }}.users set role = 'x' where role is null");
    assertEquals(StatementKind.UPDATE, p.kind());
    assertEquals("jsqlparser", p.parser());
    assertEquals(new QualifiedName("{{ index .Options \"Namespace\" }}", "users"), p.target());
    assertTrue(p.has(Flag.HAS_WHERE));
  }

  @Test
  void keywordFallbackWhenJsqlParserFails() {
    ParsedStatement op = Sql.parse("UPDATE t SET a = a OPERATOR(pg_catalog.+) 1 WHERE id = 2");
    assertEquals(StatementKind.UPDATE, op.kind());
    assertEquals("recognizer", op.parser());
    assertEquals(q("t"), op.target());
    assertTrue(op.has(Flag.HAS_WHERE));

    ParsedStatement only = Sql.parse("DELETE FROM ONLY t USING s WHERE t.id = s.id");
    assertEquals(StatementKind.DELETE, only.kind());
    assertEquals("recognizer", only.parser());
    assertEquals(List.of(q("t"), q("s")), only.relations());

    ParsedStatement copy = Sql.parse("COPY app.t (a, b) FROM STDIN WITH (FORMAT csv)");
    assertEquals(StatementKind.COPY, copy.kind());
    assertEquals(q("app.t"), copy.target());
    assertEquals(List.of(q("app.t")), copy.relations());
    assertEquals("from", copy.attribute("direction"));

    ParsedStatement copyOut = Sql.parse("COPY (SELECT * FROM t) TO STDOUT");
    assertEquals(StatementKind.COPY, copyOut.kind());
    assertEquals("to", copyOut.attribute("direction"));

    ParsedStatement cteInsert =
        DmlParser.withKeywords(
                cursor(
                    "WITH moved AS (DELETE FROM a WHERE x RETURNING *) INSERT INTO b SELECT * FROM moved"))
            .build(SqlSplitter.split("t.sql", "x").statements().get(0), "recognizer");
    assertEquals(StatementKind.INSERT_SELECT, cteInsert.kind());
    assertEquals(q("b"), cteInsert.target());
    assertTrue(cteInsert.relations().contains(q("a")));
    assertFalse(cteInsert.relations().contains(q("moved")));

    ParsedStatement insertValues =
        DmlParser.withKeywords(cursor("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING"))
            .build(SqlSplitter.split("t.sql", "x").statements().get(0), "recognizer");
    assertEquals(StatementKind.INSERT, insertValues.kind());
  }

  @Test
  void jsqlParserCanBeSwitchedOff() {
    StatementParser keywordsOnly = new StatementParser(Duration.ofSeconds(2), false);
    ParsedStatement p =
        keywordsOnly.parse(
            SqlSplitter.split(
                    "x.sql", "UPDATE users u SET plan = p.name FROM plans p WHERE p.id = u.plan_id")
                .statements()
                .get(0));
    assertEquals(StatementKind.UPDATE, p.kind());
    assertEquals("recognizer", p.parser());
    assertEquals(List.of(q("users"), q("plans")), p.relations());
    assertTrue(p.has(Flag.HAS_WHERE));
  }

  @Test
  void fallbackTableListSkipsFromInsideFunctionCalls() {
    ParsedStatement p =
        DmlParser.withKeywords(
                cursor(
                    "UPDATE t SET y = extract(epoch FROM created_at), s = substring(name FROM 2) FROM u WHERE u.id IN (SELECT id FROM v)"))
            .build(SqlSplitter.split("t.sql", "x").statements().get(0), "recognizer");
    assertEquals(List.of(q("t"), q("u"), q("v")), p.relations());
  }

  @Test
  void dataModifyingCtesNameTheirTables() {
    ParsedStatement p =
        Sql.parse(
            "WITH moved AS (DELETE FROM a WHERE x < 10 RETURNING *) INSERT INTO b SELECT * FROM moved");
    assertEquals(StatementKind.INSERT_SELECT, p.kind());
    assertEquals(q("b"), p.target());
    assertTrue(p.relations().contains(q("a")), p.relations().toString());
    assertFalse(p.relations().contains(q("moved")));
  }

  private static Cursor cursor(String sql) {
    List<Token> tokens = Lexer.tokenize(sql).tokens();
    return new Cursor(tokens, sql, 0, tokens.size());
  }

  @Test
  void pathologicalInputComesBackQuickly() {
    // JSqlParser's parenthesis look-ahead is exponential on deep nesting; the time bound cuts it
    // short
    String sql = "SELECT " + "(".repeat(40) + "1" + ")".repeat(40) + " FROM t";
    StatementParser parser = new StatementParser(Duration.ofMillis(300));
    long start = System.nanoTime();
    ParsedStatement p = parser.parse(SqlSplitter.split("slow.sql", sql).statements().get(0));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "took " + millis + " ms");
    assertEquals(StatementKind.SELECT, p.kind());
    assertEquals("recognizer", p.parser(), "JSqlParser should have been cut off by the time bound");
    assertEquals(List.of(q("t")), p.relations());
    // and the parser keeps working afterwards
    assertEquals(
        "jsqlparser",
        parser
            .parse(
                SqlSplitter.split("x.sql", "DELETE FROM t USING s WHERE t.a = s.a")
                    .statements()
                    .get(0))
            .parser());
  }

  @Test
  void parseNeverThrowsOnGarbage() {
    String[] garbage = {
      ")))",
      "((((",
      "CREATE",
      "ALTER TABLE",
      "DROP",
      "INSERT",
      "UPDATE",
      "WITH x AS",
      "SET",
      ";",
      "'",
      "$$",
      "ALTER TABLE t ADD",
      "ALTER TABLE t ALTER COLUMN",
      "CREATE INDEX ON",
      "COMMENT ON",
      "GRANT",
      "ALTER TYPE t ADD VALUE",
      "\u0000\u0001",
      "CREATE TABLE t (a int DEFAULT",
      "SELECT * FROM"
    };
    for (String g : garbage) {
      for (ParsedStatement p : Sql.parseAll(g)) {
        assertTrue(p.kind() != null && p.parser() != null, g);
        if (p.kind() == StatementKind.UNPARSED) {
          assertTrue(p.reason() != null && !p.reason().isBlank(), g);
        }
      }
    }
  }
}
