package dev.schemagate.analyzer.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

  private static List<SqlStatement> split(String text) {
    return SqlSplitter.split("test.sql", text).statements();
  }

  private static List<String> texts(String text) {
    return split(text).stream().map(SqlStatement::text).toList();
  }

  @Test
  void positionsAreThoseOfTheFirstRealCharacter() {
    String text = "SELECT 1;\n  -- note\n  /* block */ SELECT\n    2;";
    List<SqlStatement> s = split(text);
    assertEquals(2, s.size());
    assertEquals("SELECT 1", s.get(0).text());
    assertEquals(1, s.get(0).line());
    assertEquals(1, s.get(0).column());
    assertEquals(0, s.get(0).startOffset());
    assertEquals(8, s.get(0).endOffset());
    SqlStatement second = s.get(1);
    assertEquals("SELECT\n    2", second.text());
    assertEquals(3, second.line());
    assertEquals(15, second.column());
    assertEquals(4, second.endLine());
    assertEquals(text.indexOf("SELECT\n"), second.startOffset());
    assertEquals(text.substring(second.startOffset(), second.endOffset()), second.text());
    assertEquals("test.sql", second.path());
  }

  @Test
  void dollarQuotesHideSemicolons() {
    assertEquals(
        List.of("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"),
        texts("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2;"));
    // a tagged quote containing another tag and a plain $$
    String body = "DO $outer$ BEGIN EXECUTE $q$ SELECT ';' $q$; PERFORM '$$;'; END $outer$";
    assertEquals(List.of(body, "SELECT 3"), texts(body + ";\nSELECT 3;"));
  }

  @Test
  void dollarSignsThatDoNotOpenAQuote() {
    assertEquals(
        List.of("SELECT $1, a$b$ FROM t", "SELECT 2"), texts("SELECT $1, a$b$ FROM t; SELECT 2;"));
  }

  @Test
  void nestedBlockCommentsAndLineComments() {
    assertEquals(
        List.of("SELECT 1", "SELECT 2"),
        texts("/* a /* b; */ still comment; */ SELECT 1; SELECT 2"));
    assertEquals(
        List.of("SELECT 1 -- a; b\n + 1", "SELECT 2"), texts("SELECT 1 -- a; b\n + 1; SELECT 2"));
  }

  @Test
  void stringLiteralsAndQuotedIdentifiers() {
    assertEquals(List.of("SELECT 'it''s; ok'", "SELECT 2"), texts("SELECT 'it''s; ok'; SELECT 2"));
    // E'' strings take backslash escapes; standard strings do not (standard_conforming_strings =
    // on)
    assertEquals(List.of("SELECT E'a\\'; b'", "SELECT 2"), texts("SELECT E'a\\'; b'; SELECT 2"));
    assertEquals(List.of("SELECT 'a\\'", "SELECT 2"), texts("SELECT 'a\\'; SELECT 2"));
    assertEquals(
        List.of("SELECT 1 AS \"a\"\";b\"", "SELECT 2"), texts("SELECT 1 AS \"a\"\";b\"; SELECT 2"));
  }

  @Test
  void psqlMetaCommandsAreTheirOwnStatements() {
    List<SqlStatement> s =
        split("\\set ON_ERROR_STOP on\nSELECT 1;\n  \\connect other\r\nSELECT 2");
    assertEquals(4, s.size());
    assertTrue(s.get(0).metaCommand());
    assertEquals("\\set ON_ERROR_STOP on", s.get(0).text());
    assertFalse(s.get(1).metaCommand());
    assertEquals("\\connect other", s.get(2).text());
    assertEquals(3, s.get(2).line());
    assertEquals(3, s.get(2).column());
    assertEquals("SELECT 2", s.get(3).text());
  }

  @Test
  void sqlStandardFunctionBodies() {
    String fn =
        "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"
            + "  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\nEND";
    assertEquals(List.of(fn, "SELECT 3"), texts(fn + ";\nSELECT 3;"));
    // outside CREATE FUNCTION, BEGIN is a transaction start
    assertEquals(List.of("BEGIN", "SELECT 1", "END"), texts("BEGIN; SELECT 1; END;"));
  }

  @Test
  void ruleActionsInParentheses() {
    String rule =
        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); UPDATE c SET n = n + 1)";
    assertEquals(List.of(rule, "SELECT 1"), texts(rule + "; SELECT 1;"));
  }

  @Test
  void emptyStatementsAndMissingFinalSemicolon() {
    assertEquals(
        List.of("SELECT 1", "SELECT 2"),
        texts(";; ;\nSELECT 1;;\n;SELECT 2\n-- trailing comment\n"));
    assertEquals(List.of(), texts("  -- only a comment\n;;\n"));
    assertEquals(List.of(), texts(""));
  }

  @Test
  void crlfLineEndings() {
    List<SqlStatement> s = split("SELECT 1;\r\nSELECT\r\n  2;\r\n");
    assertEquals(2, s.size());
    assertEquals(2, s.get(1).line());
    assertEquals(1, s.get(1).column());
    assertEquals(3, s.get(1).endLine());
    assertEquals("SELECT\r\n  2", s.get(1).text());
  }

  @Test
  void byteOrderMarkIsNotAColumn() {
    List<SqlStatement> s = split("\uFEFFSELECT 1;\n SELECT 2;");
    assertEquals(1, s.get(0).column());
    assertEquals(1, s.get(0).startOffset());
    assertEquals("SELECT 1", s.get(0).text());
    assertEquals(2, s.get(1).column());
  }

  @Test
  void unterminatedTextRunsToTheEndOfTheFile() {
    assertEquals(List.of("SELECT 1", "DO $$ BEGIN; END;"), texts("SELECT 1; DO $$ BEGIN; END;"));
    assertEquals(List.of("SELECT 1", "SELECT 'abc; def;"), texts("SELECT 1; SELECT 'abc; def;"));
    assertEquals(
        List.of("SELECT 1", "/* never closed; SELECT 2;"),
        texts("SELECT 1; /* never closed; SELECT 2;"));
    assertEquals(List.of("SELECT \"x; y"), texts("SELECT \"x; y"));
  }

  @Test
  void goTemplatePlaceholdersAreKept() {
    String s = "create index on {{ index .Options \"Namespace\" }}.users (email)";
    assertEquals(List.of(s, "select 1"), texts(s + ";\nselect 1;"));
  }

  // ------------------------------------------------------------------ directives

  @Test
  void directivesAboveAStatementAttachToIt() {
    String text =
        "SELECT 0;\n-- schemagate:allow lock/table-rewrite reason=\"empty table\"\n\n"
            + "-- an ordinary comment\nALTER TABLE t ADD COLUMN c int DEFAULT random();\nSELECT 2;";
    List<SqlStatement> s = split(text);
    assertEquals(List.of(), s.get(0).directives());
    Directive d = s.get(1).directives().get(0);
    assertEquals("allow", d.verb());
    assertEquals("lock/table-rewrite", d.argument());
    assertEquals(Map.of("reason", "empty table"), d.options());
    assertEquals(2, d.line());
    assertEquals(1, d.column());
    assertEquals(List.of(), s.get(2).directives());
  }

  @Test
  void trailingDirectivesAttachToTheirStatement() {
    String text =
        "CREATE INDEX i ON t (a); -- schemagate:allow lock/create-index-blocking reason='new table'\n"
            + "ALTER TABLE t -- schemagate:allow compat/drop-column reason=\"unused\"\n  DROP COLUMN b;\n"
            + "SELECT 1;";
    List<SqlStatement> s = split(text);
    assertEquals("lock/create-index-blocking", s.get(0).directives().get(0).argument());
    assertEquals("new table", s.get(0).directives().get(0).options().get("reason"));
    assertEquals(1, s.get(1).directives().size());
    assertEquals("compat/drop-column", s.get(1).directives().get(0).argument());
    assertEquals(List.of(), s.get(2).directives());
  }

  @Test
  void directiveInsideAStatementBeyondItsFirstLineIsNotAttached() {
    List<SqlStatement> s =
        split("CREATE TABLE t (\n  a int -- schemagate:allow x reason=\"y\"\n);");
    assertEquals(List.of(), s.get(0).directives());
  }

  @Test
  void phaseDirectivesAreFileLevelWhereverTheyAre() {
    SplitFile f =
        SqlSplitter.split(
            "expand.sql",
            "-- schemagate:phase transactional=false\nCREATE INDEX CONCURRENTLY i ON t (a);\n"
                + "-- schemagate:phase lock_timeout=5s\nSELECT 1;\n-- schemagate:allow dangling reason=\"nothing follows\"\n");
    assertEquals(2, f.statements().size());
    assertEquals(List.of(), f.statements().get(0).directives());
    assertEquals(List.of(), f.statements().get(1).directives());
    assertEquals(3, f.fileDirectives().size());
    assertEquals("phase", f.fileDirectives().get(0).verb());
    assertEquals("false", f.fileDirectives().get(0).options().get("transactional"));
    assertEquals("5s", f.fileDirectives().get(1).options().get("lock_timeout"));
    assertEquals("allow", f.fileDirectives().get(2).verb());
    assertEquals(5, f.fileDirectives().get(2).line());
  }

  @Test
  void malformedDirectivesAreKeptForReporting() {
    List<SqlStatement> s = split("-- schemagate:allow lock/x reason=\"never closed\nSELECT 1;");
    Directive d = s.get(0).directives().get(0);
    assertEquals(DirectiveParser.MALFORMED, d.verb());
    assertEquals("schemagate:allow lock/x reason=\"never closed", d.options().get("raw"));
    assertTrue(d.options().get("error").contains("unterminated"));
  }

  @Test
  void directiveParserCases() {
    assertNull(DirectiveParser.parse("-- just a comment", 1, 1));
    assertNull(DirectiveParser.parse("-- schemagate is great", 1, 1));
    Directive allow =
        DirectiveParser.parse(
            "--   schemagate:allow rule/x reason=\"a \\\"quoted\\\" word\" ticket=OPS-12", 3, 5);
    assertEquals("allow", allow.verb());
    assertEquals("rule/x", allow.argument());
    assertEquals("a \"quoted\" word", allow.options().get("reason"));
    assertEquals("OPS-12", allow.options().get("ticket"));
    assertEquals(3, allow.line());
    assertEquals(5, allow.column());
    Directive noArg = DirectiveParser.parse("-- schemagate:phase transactional=false", 1, 1);
    assertNull(noArg.argument());
    assertEquals("custom", DirectiveParser.parse("-- schemagate:custom", 1, 1).verb());
    assertEquals(DirectiveParser.MALFORMED, DirectiveParser.parse("-- schemagate:", 1, 1).verb());
    assertEquals(
        DirectiveParser.MALFORMED, DirectiveParser.parse("-- schemagate:allow a b", 1, 1).verb());
    assertEquals(
        DirectiveParser.MALFORMED, DirectiveParser.parse("-- schemagate:allow a =x", 1, 1).verb());
    assertEquals(
        DirectiveParser.MALFORMED,
        DirectiveParser.parse("-- schemagate:allow a k=1 k=2", 1, 1).verb());
  }
}
