package dev.schemagate.runner.gate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How gates query the database: read-only, bounded by a statement timeout, never leaving a
 * transaction open.
 */
final class GateQueries {

  private GateQueries() {}

  /**
   * Starts a read-only transaction with a local {@code statement_timeout}, so a gate neither
   * changes data nor hangs the rollout. The caller rolls back (see {@link #end}).
   */
  static void begin(Connection c, Duration statementTimeout) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION READ ONLY");
      s.execute("SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
    }
  }

  static void end(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next; a failed rollback there changes nothing
    }
  }

  static String describe(SQLException e) {
    String state = e.getSQLState();
    return (state == null ? "" : "SQLSTATE " + state + ": ") + e.getMessage();
  }
}
