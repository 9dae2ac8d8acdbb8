package dev.schemagate.analyzer.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;

/** Test helper: real SQL text through the project's splitter and parser. */
public final class Sql {

  private static final StatementParser PARSER = new StatementParser();

  private Sql() {}

  /** Every statement of the text, each required to be understood. */
  public static List<ParsedStatement> parse(String sql) {
    List<ParsedStatement> out = PARSER.parse(SqlSplitter.split("test.sql", sql));
    for (ParsedStatement p : out) {
      assertNotEquals(
          StatementKind.UNPARSED,
          p.kind(),
          () -> "not parsed: " + p.source().text() + ": " + p.reason());
    }
    return out;
  }

  /** The one statement of the text. */
  public static ParsedStatement one(String sql) {
    List<ParsedStatement> out = parse(sql);
    assertEquals(1, out.size(), () -> "expected one statement in: " + sql);
    return out.get(0);
  }

  /** A catalog replayed from the text, in the given default schema. */
  public static Catalog replay(String defaultSchema, String sql) {
    Catalog c = new Catalog(defaultSchema);
    parse(sql).forEach(c::apply);
    return c;
  }

  public static Catalog replay(String sql) {
    return replay("public", sql);
  }

  /** Applies more statements to a catalog; returns it. */
  public static Catalog apply(Catalog catalog, String sql) {
    parse(sql).forEach(catalog::apply);
    return catalog;
  }
}
