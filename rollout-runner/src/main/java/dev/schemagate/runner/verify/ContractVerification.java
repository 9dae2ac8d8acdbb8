package dev.schemagate.runner.verify;

import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.repo.VerifyQueries;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.db.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a version's {@code verify.sql} right before its contract: each query must return no row. The
 * queries run in one READ ONLY transaction (a query that writes fails) under the runner's {@code
 * statement_timeout}; the first query that returns rows, or fails, refuses the contract with its
 * first rows in the reason.
 */
public final class ContractVerification {

  /** Rows of a failing query shown in the reason. */
  static final int ROWS_SHOWN = 5;

  /** The outcome: passed, or the reason the contract is refused. */
  public record Result(boolean passed, int queries, String reason) {}

  private ContractVerification() {}

  public static Result run(Database db, SqlFile file, Duration statementTimeout)
      throws SQLException {
    List<SqlStatement> queries = VerifyQueries.check(file);
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION READ ONLY");
        s.execute(
            "SELECT set_config('statement_timeout', '"
                + statementTimeout.toMillis()
                + "ms', true)");
        for (SqlStatement q : queries) {
          String where = file.displayPath() + ":" + q.line();
          List<String> rows;
          try (ResultSet rs = s.executeQuery(q.text())) {
            rows = firstRows(rs);
          } catch (SQLException e) {
            return new Result(false, queries.size(), where + " failed: " + SqlErrors.describe(e));
          }
          if (!rows.isEmpty()) {
            return new Result(
                false, queries.size(), where + " returned rows, first: " + String.join("; ", rows));
          }
        }
      } finally {
        c.rollback();
      }
    }
    return new Result(
        true,
        queries.size(),
        queries.size()
            + " verify.sql "
            + (queries.size() == 1 ? "query" : "queries")
            + " returned no row");
  }

  private static List<String> firstRows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    while (rs.next()) {
      if (out.size() == ROWS_SHOWN) {
        out.add("…");
        break;
      }
      List<String> cells = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        cells.add(md.getColumnLabel(i) + "=" + rs.getString(i));
      }
      out.add("(" + String.join(", ", cells) + ")");
    }
    return out;
  }
}
