package dev.schemagate.runner.db;

import java.sql.SQLException;

/** Classifies PostgreSQL errors by SQLSTATE and words them for one-line messages. */
public final class SqlErrors {

  /** lock_not_available: {@code lock_timeout} expired (or NOWAIT). */
  public static final String LOCK_NOT_AVAILABLE = "55P03";

  public static final String DEADLOCK_DETECTED = "40P01";

  /** query_canceled: {@code statement_timeout} (or a cancel request). */
  public static final String QUERY_CANCELED = "57014";

  private SqlErrors() {}

  /** The lock was not granted in time: worth retrying after a pause. */
  public static boolean isLockWait(SQLException e) {
    return LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState());
  }

  /**
   * The connection is gone (class 08, the server shutting down 57P01-57P03, or an I/O error the
   * driver reports without a state).
   */
  public static boolean isConnectionLoss(SQLException e) {
    String s = e.getSQLState();
    return s == null && e.getMessage() != null && e.getMessage().contains("I/O error")
        || s != null
            && (s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03"));
  }

  /** {@code ERROR: … (SQLSTATE 55P03)}, on one line. */
  public static String describe(SQLException e) {
    return firstLine(e) + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
  }

  /** The first line of the message, without SQLSTATE. */
  public static String firstLine(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    return m.trim();
  }
}
