package dev.schemagate.analyzer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.List;

/** Test helper for the families' tests: real SQL text split and parsed as {@code check} does. */
public final class ParsedSql {

  private static final StatementParser PARSER = new StatementParser();

  private ParsedSql() {}

  public static List<ParsedStatement> all(String text) {
    return PARSER.parse(SqlSplitter.split("test.sql", text));
  }

  /** Parses text that must hold exactly one statement. */
  public static ParsedStatement one(String text) {
    List<ParsedStatement> all = all(text);
    assertEquals(1, all.size(), "statements in: " + text);
    return all.get(0);
  }
}
