package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.PhaseOptions;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies a history to a real database the way its tool does. Plain SQL files: a file that declares
 * itself outside a transaction (schemagate's directive or its tool's marker), or that holds one
 * statement, runs statement by statement; any other file runs as one transaction. A file stops at
 * its first rejected statement (a transactional file is rolled back), and the history goes on with
 * the next file, as the checks assume.
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

  private static final Pattern PARAMETER = Pattern.compile("\\$[12]\\b");

  private HistoryApplier() {}

  static List<Outcome> apply(Connection c, List<SqlFile> files) throws SQLException {
    prepare(c);
    List<Outcome> out = new ArrayList<>();
    for (SqlFile f : files) {
      SplitFile split = SqlSplitter.split(f.displayPath(), f.text());
      PhaseOptions options = PhaseOptions.ofPlainFile(split);
      boolean transactional =
          options.declared() ? options.transactional() : split.statements().size() > 1;
      out.add(applyFile(c, split, transactional, false));
    }
    return out;
  }

  /**
   * The phase files of a schemagate repository, as the rollout runner runs them: one transaction
   * unless {@code -- schemagate:phase transactional=false}; a backfill batch once, over every key
   * ({@code $1}/{@code $2} bound to NULL: the test databases hold no rows).
   */
  static List<Outcome> applyPhases(Connection c, List<PhaseFile> files) throws SQLException {
    prepare(c);
    List<Outcome> out = new ArrayList<>();
    for (PhaseFile f : files) {
      SplitFile split = SqlSplitter.split(f.repoPath(), f.text());
      out.add(
          applyFile(
              c, split, PhaseOptions.of(split).transactional(), f.phase() == PhaseKind.BACKFILL));
    }
    return out;
  }

  private static void prepare(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '120s'");
    }
  }

  private static Outcome applyFile(
      Connection c, SplitFile split, boolean transactional, boolean batch) throws SQLException {
    String path = split.path();
    List<SqlStatement> statements = split.statements();
    try (Statement s = c.createStatement()) {
      if (transactional) {
        s.execute("BEGIN");
      }
      for (SqlStatement st : statements) {
        try {
          if (batch && PARAMETER.matcher(st.text()).find()) {
            s.execute("PREPARE schemagate_batch AS " + st.text());
            s.execute("EXECUTE schemagate_batch(NULL, NULL)");
            s.execute("DEALLOCATE schemagate_batch");
          } else {
            s.execute(st.text());
          }
        } catch (SQLException e) {
          // Also ends a transaction the file opened itself (a warning when none is open), as a
          // tool that closes its connection on an error would.
          s.execute("ROLLBACK");
          return new Outcome(
              path, statements.size(), st.text(), e.getSQLState() + " " + e.getMessage());
        }
      }
      if (transactional) {
        s.execute("COMMIT");
      }
    }
    return new Outcome(path, statements.size(), null, null);
  }
}
