package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.List;

/** Test helper: split and parse real SQL text. */
final class Sql {

  static final StatementParser PARSER = new StatementParser();

  private Sql() {}

  static List<ParsedStatement> parseAll(String text) {
    return PARSER.parse(SqlSplitter.split("test.sql", text));
  }

  /** Parses text that must hold exactly one statement. */
  static ParsedStatement parse(String text) {
    List<ParsedStatement> all = parseAll(text);
    assertEquals(1, all.size(), "statements in: " + text);
    return all.get(0);
  }

  /** Parses a single-action ALTER and returns the action. */
  static AlterAction action(String text) {
    ParsedStatement p = parse(text);
    assertEquals(1, p.actions().size(), "actions in: " + text);
    return p.actions().get(0);
  }
}
