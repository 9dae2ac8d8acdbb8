package dev.schemagate.analyzer.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlWordsTest {

  private static List<String> words(String sql) {
    return new SqlWords(sql).words().stream().map(SqlWords.Word::upper).toList();
  }

  @Test
  void skipsCommentsStringsQuotedIdentifiersAndDollarQuotes() {
    assertEquals(
        List.of("CREATE", "INDEX", "I", "ON", "T", "A", "WHERE", "B"),
        words(
            "CREATE /* not /* nested */ INDEX */ INDEX i ON \"index\" -- INDEX\n t (a) WHERE b = 'INDEX'"));
    assertEquals(
        List.of("SELECT", "E", "X"), words("SELECT E'it\\'s INDEX', $fn$ INDEX $fn$, $$INDEX$$ x"));
  }

  @Test
  void knowsTheParenthesisDepthAndTheLastToken() {
    SqlWords w = new SqlWords("REINDEX (VERBOSE) TABLE orders -- trailing\n  ");
    assertEquals(1, w.words().get(1).depth());
    assertEquals("TABLE", w.first(0, "INDEX", "TABLE").upper());
    assertEquals("REINDEX (VERBOSE) TABLE orders".length(), w.lastTokenEnd());
    assertFalse(new SqlWords("SELECT 'CONCURRENTLY'").contains("CONCURRENTLY"));
  }
}
