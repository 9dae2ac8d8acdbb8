package dev.schemagate.runner.backfill;

import dev.schemagate.runner.db.Database;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Measures what the workload feels of a backfill ({@link LoadSample}), on its own connection and
 * thread, every {@link #TICK} whether a batch is running or not: the time of a point read through
 * the table's key index plus a commit that flushes the WAL (what a workload read and a workload
 * write wait for: CPU, buffer contention, the WAL the batches wrote), and the sessions waiting for
 * a lock a backfill connection holds. Before the first batch it takes the same measurement as the
 * baseline. {@code SELECT 1}'s round trip, the signal before, did not move when the workload's p99
 * went from 0.4 to 4 ms; this probe's path is the workload's.
 */
final class LoadProbe implements AutoCloseable {

  /** How often the probe measures. */
  static final Duration TICK = Duration.ofMillis(50);

  /** Probes the latency percentile is taken over, at most: the last second. */
  static final int WINDOW = 20;

  /** Probes of the baseline, before the first batch (about half a second). */
  static final int BASELINE_PROBES = 20;

  private static final String WAITING =
      """
      SELECT count(*)::int FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND pid <> ALL (?::int[]) AND pg_blocking_pids(pid) && ?::int[]
      """;

  private final Connection c;
  private final String readSql;
  private final Integer[] pids;
  private final Thread thread;
  private final long[] window = new long[WINDOW];
  private int inWindow;
  private int at;
  private long waitingSum;
  private int waitingTicks;
  private volatile boolean closed;
  private volatile SQLException failure;

  /**
   * Opens the probe's connection, measures the baseline and starts probing.
   *
   * @param readSql a point read through the table's key index
   * @param backfillPids the connections whose locks count (the walk's and the workers')
   */
  LoadProbe(Database db, String readSql, List<Integer> backfillPids) throws SQLException {
    this.c = db.open();
    this.readSql = readSql;
    this.pids = backfillPids.toArray(Integer[]::new);
    try (Statement s = c.createStatement()) {
      s.execute("SET application_name = '" + BackfillRunner.APPLICATION_NAME + " probe'");
    }
    c.setAutoCommit(true);
    this.thread = new Thread(this::loop, "schemagate-backfill-probe");
    thread.setDaemon(true);
  }

  static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * The probe's 90th percentile over {@link #BASELINE_PROBES} before any batch ran; then starts the
   * ticks.
   */
  Duration baseline() throws SQLException, InterruptedException {
    long[] t = new long[BASELINE_PROBES];
    for (int i = 0; i < t.length; i++) {
      t[i] = probe();
      Thread.sleep(TICK.toMillis() / 2);
    }
    Arrays.sort(t);
    return Duration.ofNanos(t[(int) Math.ceil(0.9 * t.length) - 1]);
  }

  /** Starts probing every {@link #TICK} on the probe's thread. */
  void start() {
    thread.start();
  }

  /**
   * The load since the last {@link #restart()} (latency: the last {@link #WINDOW} probes of it).
   */
  synchronized LoadSample sample() throws SQLException {
    if (failure != null) {
      throw failure;
    }
    long[] sorted = Arrays.copyOf(window, inWindow);
    Arrays.sort(sorted);
    Duration p90 =
        inWindow == 0
            ? Duration.ZERO
            : Duration.ofNanos(sorted[(int) Math.ceil(0.9 * inWindow) - 1]);
    double waiting = waitingTicks == 0 ? 0 : (double) waitingSum / waitingTicks;
    return new LoadSample(waiting, p90, inWindow);
  }

  /**
   * Forgets the probes so far: the throttle changed its pace, what came before says nothing of the
   * new one.
   */
  synchronized void restart() {
    inWindow = 0;
    at = 0;
    waitingSum = 0;
    waitingTicks = 0;
  }

  private void loop() {
    try {
      while (!closed) {
        long latency = probe();
        int waiting = waiting();
        synchronized (this) {
          window[at] = latency;
          at = (at + 1) % WINDOW;
          inWindow = Math.min(WINDOW, inWindow + 1);
          waitingSum += waiting;
          waitingTicks++;
        }
        Thread.sleep(TICK.toMillis());
      }
    } catch (SQLException e) {
      if (!closed) {
        failure = e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Nanoseconds of one point read through the key index plus one commit (a transaction id, so the
   * commit flushes WAL).
   */
  private long probe() throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(readSql)) {
        rs.next();
      }
      try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
        rs.next();
      }
    }
    return System.nanoTime() - t0;
  }

  private int waiting() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(WAITING)) {
      Array a = c.createArrayOf("int4", pids);
      ps.setArray(1, a);
      ps.setArray(2, a);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing: nothing left to measure
    }
  }
}
