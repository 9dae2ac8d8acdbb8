package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Records the relation locks of another backend while it runs a statement that cannot run in a
 * transaction block (it commits several transactions and releases their locks before it could read
 * them itself).
 *
 * <p>Sampling {@code pg_locks} alone misses a lock held between two samples. Two pauses make the
 * observation exact instead, both PostgreSQL's own behaviour, no timing involved:
 *
 * <ul>
 *   <li><b>Held at commit.</b> The server runs with {@code synchronous_standby_names} naming a
 *       standby that never connects, and the traced session alone sets {@code synchronous_commit =
 *       on}. Every transaction of the statement that was assigned a transaction id then waits in
 *       {@code SyncRepWaitForLSN} (wait event {@code SyncRep}) after writing its commit record and
 *       <em>before</em> releasing its locks, for as long as we like. The recorder reads the
 *       backend's locks there (everything that transaction took, plus session locks) and then
 *       cancels the wait with {@code pg_cancel_backend}: PostgreSQL documents that a cancelled
 *       synchronous-replication wait leaves the transaction committed (with a WARNING) and the
 *       statement goes on. Each transaction id is released exactly once, so a late second cancel
 *       can never hit the statement.
 *   <li><b>First request.</b> {@link Blockers} hold EXCLUSIVE on the tables the statement will
 *       visit, one session each: the statement's first lock request on each of them stronger than
 *       ACCESS SHARE waits, and its requested mode shows in {@code pg_locks} with {@code granted =
 *       false}; then that session lets go. This covers transactions without a transaction id (a
 *       plain VACUUM, REINDEX of a table without index or TOAST table), which do not pause at
 *       commit.
 * </ul>
 *
 * Between pauses the recorder keeps sampling, as before; per relation the strongest mode seen
 * (granted, or requested while waiting) is kept.
 */
final class LockRecorder {

  /** The standby name the server waits for; nothing ever connects under it. */
  static final String PAUSE_STANDBY = "schemagate_trace_pause";

  /**
   * PostgreSQL's WARNING when a synchronous-replication wait is cancelled: our own doing, not the
   * statement's.
   */
  static boolean isPauseMessage(String message) {
    return message.startsWith("canceling wait for synchronous replication");
  }

  private static final String STATE =
      "SELECT wait_event_type, wait_event, backend_xid::text FROM pg_stat_activity WHERE pid = ?";

  private static final String LOCKS =
      """
      SELECT l.relation, l.mode, l.granted FROM pg_locks l
      WHERE l.locktype = 'relation' AND l.pid = ? AND l.relation >= 16384
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      """;

  private final Map<Long, LockMode> taken = new HashMap<>();
  private final Set<String> releasedXids = new HashSet<>();

  /**
   * Watches backend {@code pid} until {@code running} is done.
   *
   * @param blockers sessions holding tables the statement will ask for; each is released when the
   *     backend waits on a relation it holds (all of them when it waits on anything else)
   */
  void watch(Connection observer, int pid, Future<?> running, Blockers blockers, long pauseNanos)
      throws SQLException {
    try (PreparedStatement state = observer.prepareStatement(STATE);
        PreparedStatement locks = observer.prepareStatement(LOCKS);
        PreparedStatement cancel = observer.prepareStatement("SELECT pg_cancel_backend(?)")) {
      state.setInt(1, pid);
      locks.setInt(1, pid);
      cancel.setInt(1, pid);
      while (!running.isDone()) {
        String waitType = null;
        String waitEvent = null;
        String xid = null;
        try (ResultSet rs = state.executeQuery()) {
          if (rs.next()) {
            waitType = rs.getString(1);
            waitEvent = rs.getString(2);
            xid = rs.getString(3);
          }
        }
        // Read after the state: a backend seen in SyncRep stays there until cancelled, so these are
        // exactly the locks its transaction holds at commit.
        Set<Long> waiting = readLocks(locks);
        if ("Lock".equals(waitType) && !blockers.isEmpty()) {
          blockers.releaseFor("relation".equals(waitEvent) ? waiting : null);
        } else if ("SyncRep".equals(waitEvent) && xid != null && releasedXids.add(xid)) {
          cancel.executeQuery().close(); // true only says the signal was sent
        } else if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
      }
    } finally {
      blockers.close();
    }
  }

  /**
   * Merges the backend's relation locks into {@link #taken}; returns the relations it waits for.
   */
  private Set<Long> readLocks(PreparedStatement locks) throws SQLException {
    Set<Long> waiting = new HashSet<>();
    try (ResultSet rs = locks.executeQuery()) {
      while (rs.next()) {
        // A waiting request (granted = false) is taken as soon as the blocker lets go.
        taken.merge(rs.getLong(1), LockMode.fromPgName(rs.getString(2)), LockRecorder::stronger);
        if (!rs.getBoolean(3)) {
          waiting.add(rs.getLong(1));
        }
      }
    }
    return waiting;
  }

  /** Per relation oid, the strongest mode the backend held or asked for. */
  Map<Long, LockMode> taken() {
    return taken;
  }

  private static LockMode stronger(LockMode a, LockMode b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
