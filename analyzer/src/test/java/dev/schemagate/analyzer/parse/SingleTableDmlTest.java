package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-table DML skips JSqlParser; on every such statement of the real corpus the keyword reading
 * must equal JSqlParser's (kind, target, tables, flags, attributes).
 */
class SingleTableDmlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO orders (id, note) VALUES (1, 'from the select')",
        "INSERT INTO public.orders VALUES (1), (2)",
        "UPDATE orders SET state = 'done' WHERE id = 3",
        "UPDATE ONLY orders SET state = NULL",
        "DELETE FROM orders WHERE created_at < now() - interval '1 day'",
      })
  void singleTable(String sql) {
    assertTrue(DmlParser.isSingleTable(Lexer.tokenize(sql).tokens()), sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO orders SELECT * FROM old_orders",
        "INSERT INTO orders (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2",
        "INSERT INTO orders (id) VALUES ((SELECT max(id) FROM old_orders))",
        "UPDATE orders SET state = s.state FROM states s WHERE s.id = orders.id",
        "UPDATE orders SET n = (SELECT count(*) FROM items)",
        "DELETE FROM orders USING customers c WHERE c.id = orders.customer_id",
        "DELETE FROM orders WHERE EXISTS (SELECT 1 FROM items)",
        "WITH x AS (SELECT 1) UPDATE orders SET n = 1",
        "SELECT 1",
      })
  void notSingleTable(String sql) {
    assertFalse(DmlParser.isSingleTable(Lexer.tokenize(sql).tokens()), sql);
  }

  @Test
  void keywordReadingEqualsJsqlParserOnCorpusSingleTableDml() throws IOException {
    StatementParser fast = new StatementParser();
    StatementParser jsql = new StatementParser(Duration.ofSeconds(10), true, false);
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (Path f : CorpusCoverageTest.sqlFiles()) {
      SplitFile split =
          SqlSplitter.split(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      for (SqlStatement s : split.statements()) {
        Lexer.Result lexed = Lexer.tokenize(s.text());
        if (lexed.error() != null || !DmlParser.isSingleTable(lexed.tokens())) {
          continue;
        }
        ParsedStatement a = fast.parse(s);
        ParsedStatement b = jsql.parse(s);
        assertEquals(StatementParser.RECOGNIZER, a.parser());
        assertEquals(StatementParser.JSQLPARSER, b.parser(), "JSqlParser reads " + s.text());
        compared++;
        if (!a.kind().equals(b.kind())
            || !java.util.Objects.equals(a.target(), b.target())
            || !a.relations().equals(b.relations())
            || !a.flags().equals(b.flags())
            || !a.attributes().equals(b.attributes())) {
          differences.add(f + ":" + s.line() + "\n  keywords:   " + a + "\n  jsqlparser: " + b);
        }
      }
    }
    assertTrue(
        compared >= 50,
        "expected many single-table DML statements in the corpus, found " + compared);
    assertEquals(List.of(), differences);
  }
}
