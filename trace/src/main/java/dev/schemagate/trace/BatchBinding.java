package dev.schemagate.trace;

import dev.schemagate.analyzer.check.BackfillOptions;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A backfill's batch statement ({@code … WHERE key BETWEEN $1 AND $2}) is traced and applied as one
 * batch over the whole table: {@code $1} and {@code $2} become the table's least and greatest key,
 * written as untyped literals that take the key's type, so the trace records the locks of a batch
 * and the statements after it (a NOT NULL, a validation) see the data it writes. A composite key,
 * or an empty table, gets NULLs: the batch then changes no row, and only its table-level locks are
 * recorded.
 */
final class BatchBinding {

  private BatchBinding() {}

  /**
   * The SQL to execute for {@code st}: its text, or for a batch statement its text with the key
   * range bound.
   */
  static String sql(Connection c, ParsedStatement st) throws SQLException {
    String text = st.source().text();
    for (Directive d : st.source().directives()) {
      if (d.verb().equals(BackfillOptions.VERB)) {
        var batch = BackfillOptions.parse(st.source().path(), d, st.source()).options();
        if (batch.isPresent()) {
          return bind(text, range(c, batch.get()));
        }
      }
    }
    return text;
  }

  private static String[] range(Connection c, BackfillOptions batch) throws SQLException {
    if (batch.key().size() != 1) {
      return new String[] {null, null};
    }
    String table =
        (batch.schema() == null ? "" : quote(batch.schema()) + ".") + quote(batch.table());
    String key = quote(batch.key().get(0));
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT min(" + key + ")::text, max(" + key + ")::text FROM " + table)) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2)};
    }
  }

  /**
   * {@code $1} and {@code $2} outside comments and literals replaced by the bounds, as untyped
   * literals.
   */
  static String bind(String statement, String[] bounds) {
    return BackfillOptions.replaceRange(
        statement,
        n -> {
          String v = bounds[n - 1];
          return v == null ? "NULL" : "'" + v.replace("'", "''") + "'";
        });
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
