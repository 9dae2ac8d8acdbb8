package dev.schemagate.runner.apply;

import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who is in the way of the runner's lock requests. While a phase statement runs, a second
 * connection samples {@code pg_blocking_pids()} of the statement's backend (<a
 * href="https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-SESSION">docs</a>)
 * every quarter of the {@code lock_timeout} (at most every second): a request cancelled by its
 * {@code lock_timeout} no longer waits, so its blockers can only be seen while it waits. The last
 * non-empty sample names the sessions in retry lines and failures. Heavyweight locks only, which
 * includes the virtual transaction ids {@code CREATE INDEX CONCURRENTLY} waits for.
 *
 * <p>{@link #waitForEnd} waits, outside the lock queue, until those sessions' transactions have
 * ended (the {@code --wait-for-blockers} behaviour).
 */
final class BlockerWatch implements AutoCloseable {

  private static final String BLOCKERS =
      """
      SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), coalesce(a.state, ''), a.xact_start,
             (extract(epoch FROM now() - a.xact_start) * 1000)::bigint, coalesce(a.query, '')
        FROM pg_stat_activity a
       WHERE a.pid = ANY (CASE WHEN (SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?) = 'Lock'
                               THEN pg_blocking_pids(?) ELSE '{}'::int[] END)
       ORDER BY a.xact_start NULLS LAST, a.pid
      """;
  private static final String STILL_OPEN = "SELECT xact_start FROM pg_stat_activity WHERE pid = ?";

  private final Database db;
  private final ScheduledExecutorService timer;
  private Connection monitor;
  private volatile List<Blocker> seen = List.of();

  BlockerWatch(Database db) {
    this.db = db;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "schemagate-blocker-watch");
              t.setDaemon(true);
              return t;
            });
  }

  /** The backend pid of a phase connection. */
  static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** One statement being watched; {@link #close} stops the sampling. */
  final class Watching implements AutoCloseable {
    private final ScheduledFuture<?> task;

    private Watching(ScheduledFuture<?> task) {
      this.task = task;
    }

    @Override
    public void close() {
      task.cancel(false);
      synchronized (BlockerWatch.this) {
        // a sample in progress finishes before the caller reads blockers()
      }
    }
  }

  /**
   * Samples the blockers of backend {@code pid} every {@code every} until the returned handle is
   * closed; {@code report} (may be null) is told of each non-empty sample.
   */
  Watching watch(int pid, Duration every, Consumer<List<Blocker>> report) {
    seen = List.of();
    long ms = Math.max(10, every.toMillis());
    return new Watching(
        timer.scheduleWithFixedDelay(
            () -> {
              synchronized (this) {
                try {
                  List<Blocker> now = blockersOf(pid);
                  if (!now.isEmpty()) {
                    seen = now;
                    if (report != null) {
                      report.accept(now);
                    }
                  }
                } catch (SQLException e) {
                  // the monitor connection failed: the next sample reopens it; blockers stay as
                  // last seen
                  closeMonitor();
                }
              }
            },
            ms,
            ms,
            TimeUnit.MILLISECONDS));
  }

  /** The sampling interval for a lock request under {@code lockTimeout}. */
  static Duration every(Duration lockTimeout) {
    return Duration.ofMillis(Math.max(20, Math.min(1_000, lockTimeout.toMillis() / 4)));
  }

  /** The sessions last seen in the way (empty when none was seen). */
  List<Blocker> blockers() {
    return seen;
  }

  /**
   * Waits until every one of {@code blockers} has ended the transaction it was seen in (its session
   * is gone, or its {@code xact_start} changed), at most {@code max}.
   *
   * @return true when they all did
   */
  synchronized boolean waitForEnd(
      List<Blocker> blockers, Duration max, Duration every, Consumer<String> report)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long nextReport = System.nanoTime() + every.toNanos();
    List<Blocker> open = new ArrayList<>(blockers);
    while (true) {
      open.removeIf(
          b -> {
            try {
              return ended(b);
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
      if (open.isEmpty()) {
        return true;
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        return false;
      }
      if (now >= nextReport) {
        report.accept(Blocker.describe(open));
        nextReport = now + every.toNanos();
      }
      Thread.sleep(Math.min(100, Math.max(1, (deadline - now) / 1_000_000)));
    }
  }

  private boolean ended(Blocker b) throws SQLException {
    try (PreparedStatement ps = monitor().prepareStatement(STILL_OPEN)) {
      ps.setInt(1, b.pid());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return true;
        }
        Timestamp start = rs.getTimestamp(1);
        return start == null
            || b.transactionStart() == null
            || !start.toInstant().equals(b.transactionStart());
      }
    }
  }

  private List<Blocker> blockersOf(int pid) throws SQLException {
    List<Blocker> out = new ArrayList<>();
    try (PreparedStatement ps = monitor().prepareStatement(BLOCKERS)) {
      // pg_blocking_pids() takes the lock manager's partition locks: only called while the backend
      // waits on a lock.
      ps.setInt(1, pid);
      ps.setInt(2, pid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp start = rs.getTimestamp(5);
          long age = rs.getLong(6);
          out.add(
              new Blocker(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  start == null ? null : start.toInstant(),
                  rs.wasNull() || start == null ? null : Duration.ofMillis(age),
                  rs.getString(7)));
        }
      }
    }
    return List.copyOf(out);
  }

  private Connection monitor() throws SQLException {
    if (monitor == null || monitor.isClosed()) {
      monitor = db.open();
      try (Statement s = monitor.createStatement()) {
        s.execute("SET application_name = 'schemagate-runner watch'");
      }
    }
    return monitor;
  }

  private void closeMonitor() {
    if (monitor != null) {
      try {
        monitor.close();
      } catch (SQLException ignored) {
        // gone already
      }
      monitor = null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (this) {
      closeMonitor();
    }
  }
}
