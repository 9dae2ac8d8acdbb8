package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Watches another backend's relation locks while it runs a statement that cannot run in a
 * transaction block (its locks are released before that backend could read them itself).
 *
 * <p>From its own connection the poller reads {@code pg_locks} for the watched backend's pid until
 * the statement finishes and keeps, per relation oid, the strongest mode ever <em>granted</em>. A
 * request still waiting ({@code granted = false}) is kept apart: it proves the mode asked for, but
 * the backend did not hold it at that moment.
 */
final class LockPoller {

  private static final String LOCKS = """
      SELECT l.relation, l.mode, l.granted FROM pg_locks l
      WHERE l.locktype = 'relation' AND l.pid = ? AND l.relation >= 16384
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      """;

  private final Map<Long, LockMode> granted = new HashMap<>();
  private final Map<Long, LockMode> waited = new HashMap<>();
  private int polls;

  /** Polls until {@code running} is done; pauses about {@code pauseNanos} between reads. */
  void watch(Connection observer, int pid, Future<?> running, long pauseNanos) throws SQLException {
    try (PreparedStatement ps = observer.prepareStatement(LOCKS)) {
      ps.setInt(1, pid);
      while (!running.isDone()) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LockMode mode = LockMode.fromPgName(rs.getString(2));
            (rs.getBoolean(3) ? granted : waited).merge(rs.getLong(1), mode, LockPoller::stronger);
          }
        }
        polls++;
        if (pauseNanos > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
        }
      }
    }
  }

  Map<Long, LockMode> granted() {
    return granted;
  }

  Map<Long, LockMode> waited() {
    return waited;
  }

  int polls() {
    return polls;
  }

  private static LockMode stronger(LockMode a, LockMode b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
