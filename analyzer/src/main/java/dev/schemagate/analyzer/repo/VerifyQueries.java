package dev.schemagate.analyzer.repo;

import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The statements of a {@code verify.sql}: queries (SELECT, WITH, VALUES, TABLE) that must return no
 * row for the version's contract to run. The runner also runs them in a READ ONLY transaction, so a
 * data-modifying WITH fails there as well.
 */
public final class VerifyQueries {

  private static final Set<String> QUERY_WORDS = Set.of("select", "with", "values", "table");

  private VerifyQueries() {}

  /** The statements, or a repository error naming the first one that is not a query. */
  public static List<SqlStatement> check(SqlFile file) {
    List<SqlStatement> statements = SqlSplitter.split(file.displayPath(), file.text()).statements();
    if (statements.isEmpty()) {
      throw new RepositoryException(
          file.displayPath(), "verify.sql holds no query; remove it or add one");
    }
    for (SqlStatement st : statements) {
      String word = firstWord(st.text());
      if (st.metaCommand() || !QUERY_WORDS.contains(word)) {
        throw new RepositoryException(
            file.displayPath(),
            st.line(),
            "verify.sql holds only queries that must return no row (SELECT, WITH, VALUES, TABLE), not "
                + (word.isEmpty() ? "this" : word.toUpperCase(Locale.ROOT)));
      }
    }
    return statements;
  }

  private static String firstWord(String text) {
    String s = text;
    while (true) {
      s = s.stripLeading();
      if (s.startsWith("--")) {
        int nl = s.indexOf('\n');
        s = nl < 0 ? "" : s.substring(nl + 1);
      } else if (s.startsWith("/*")) {
        int end = s.indexOf("*/");
        s = end < 0 ? "" : s.substring(end + 2);
      } else if (s.startsWith("(")) {
        s = s.substring(1);
      } else {
        break;
      }
    }
    int i = 0;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return s.substring(0, i).toLowerCase(Locale.ROOT);
  }
}
