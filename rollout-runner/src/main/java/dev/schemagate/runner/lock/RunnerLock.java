package dev.schemagate.runner.lock;

import dev.schemagate.runner.RunnerException;
import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One runner per database: a session-level advisory lock held on a connection of its own for the
 * whole run ({@code pg_try_advisory_lock}, see "Advisory Locks" in the PostgreSQL documentation,
 * section 13.3.5). Polling instead of the blocking {@code pg_advisory_lock} keeps the wait bounded
 * and lets the message name the holder. Closing releases it; so does the session ending, so a
 * killed runner never leaves the database locked.
 */
public final class RunnerLock implements AutoCloseable {

  /** The lock key: the bytes of "schemagt" as a bigint. Documented in docs/runner.md. */
  public static final long KEY = 0x736368656d616774L;

  private static final Duration POLL = Duration.ofMillis(250);

  private final Connection connection;

  private RunnerLock(Connection connection) {
    this.connection = connection;
  }

  /**
   * Takes the lock, waiting at most {@code wait}.
   *
   * @throws RunnerException when another session still holds it, naming that session
   */
  public static RunnerLock acquire(Database db, Duration wait)
      throws SQLException, InterruptedException {
    Connection c = db.open();
    boolean ok = false;
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        if (tryLock(c)) {
          ok = true;
          return new RunnerLock(c);
        }
        if (System.nanoTime() >= deadline) {
          throw new RunnerException(
              "another schemagate runner holds "
                  + db.describe()
                  + " ("
                  + heldBy(c).orElse("its session is no longer visible")
                  + "); waited "
                  + wait.toSeconds()
                  + " s. Try again once it has finished.");
        }
        Thread.sleep(POLL.toMillis());
      }
    } finally {
      if (!ok) {
        c.close();
      }
    }
  }

  /** Whether the lock's session is still alive (it is lost with its connection). */
  public void verify() throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT 1")) {
      s.execute();
    } catch (SQLException e) {
      throw new SQLException(
          "lost the runner lock's connection: " + SqlErrors.describe(e), e.getSQLState(), e);
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      s.setLong(1, KEY);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * pid, application_name, user, client and since when, of the session holding the lock; empty when
   * no session holds it (then no runner is at work: a {@code running} history row is abandoned).
   */
  public static java.util.Optional<String> heldBy(Connection c) throws SQLException {
    // A bigint key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
    String sql =
        """
        SELECT a.pid, a.application_name, a.usename, host(a.client_addr), a.backend_start
          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
           AND l.classid = ?::oid AND l.objid = ?::oid
        """;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, KEY >>> 32);
      s.setLong(2, KEY & 0xffffffffL);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        String app = rs.getString(2);
        String client = rs.getString(4);
        return java.util.Optional.of(
            "pid "
                + rs.getInt(1)
                + ", application_name "
                + (app == null || app.isEmpty() ? "(none)" : "'" + app + "'")
                + ", user "
                + rs.getString(3)
                + (client == null ? "" : ", from " + client)
                + ", connected since "
                + rs.getTimestamp(5).toInstant());
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
