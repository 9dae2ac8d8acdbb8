package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.PhaseOptions;
import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a history of plain SQL files to a real database the way their tools do: a file that
 * declares itself outside a transaction (schemagate's directive or its tool's marker), or that
 * holds one statement, runs statement by statement; any other file runs as one transaction. A
 * file stops at its first rejected statement (a transactional file is rolled back), and the
 * history goes on with the next file, as the checks assume.
 */
final class HistoryApplier {

  /**
   * What PostgreSQL did with one file.
   *
   * @param rejected the first statement PostgreSQL rejected, or null when it accepted every one
   * @param error the SQLSTATE and message of that rejection, or null
   */
  record Outcome(String path, int statements, String rejected, String error) {
    boolean accepted() {
      return rejected == null;
    }
  }

  private HistoryApplier() {}

  static List<Outcome> apply(Connection c, List<SqlFile> files) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '120s'");
    }
    List<Outcome> out = new ArrayList<>();
    for (SqlFile f : files) {
      out.add(applyFile(c, f.displayPath(), f.text()));
    }
    return out;
  }

  private static Outcome applyFile(Connection c, String path, String text) throws SQLException {
    SplitFile split = SqlSplitter.split(path, text);
    List<SqlStatement> statements = split.statements();
    PhaseOptions options = PhaseOptions.ofPlainFile(split);
    boolean transactional = options.declared() ? options.transactional() : statements.size() > 1;
    try (Statement s = c.createStatement()) {
      if (transactional) {
        s.execute("BEGIN");
      }
      for (SqlStatement st : statements) {
        try {
          s.execute(st.text());
        } catch (SQLException e) {
          if (transactional) {
            s.execute("ROLLBACK");
          }
          return new Outcome(path, statements.size(), st.text(), e.getSQLState() + " " + e.getMessage());
        }
      }
      if (transactional) {
        s.execute("COMMIT");
      }
    }
    return new Outcome(path, statements.size(), null, null);
  }
}
