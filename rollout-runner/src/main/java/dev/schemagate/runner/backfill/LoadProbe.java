package dev.schemagate.runner.backfill;

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
 * Measures the workload's side of a backfill ({@link LoadSample}) on the backfill's walk
 * connection: the sessions waiting for a lock that one of the backfill's connections holds, and
 * the round trip of {@code SELECT 1}. The baseline round trip is taken before the first batch
 * (median of five): the adaptive throttle keeps the round trip near it, like gh-ost's
 * {@code --max-load} and spirit's throttlers keep the server's load under a threshold, but from the
 * client's side, where the workload feels it.
 */
final class LoadProbe {

  private static final String WAITING = """
      SELECT count(*)::int FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND pid <> ALL (?::int[]) AND pg_blocking_pids(pid) && ?::int[]
      """;

  private final Connection c;
  private final int[] pids;

  LoadProbe(Connection c, List<Integer> backfillPids) {
    this.c = c;
    this.pids = backfillPids.stream().mapToInt(Integer::intValue).toArray();
  }

  static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The median of five round trips, before any batch ran. */
  Duration baseline() throws SQLException {
    long[] t = new long[5];
    for (int i = 0; i < t.length; i++) {
      t[i] = roundTrip().toNanos();
    }
    Arrays.sort(t);
    return Duration.ofNanos(t[t.length / 2]);
  }

  LoadSample sample() throws SQLException {
    Duration rt = roundTrip();
    int waiting;
    try (PreparedStatement ps = c.prepareStatement(WAITING)) {
      Integer[] boxed = Arrays.stream(pids).boxed().toArray(Integer[]::new);
      Array a = c.createArrayOf("int4", boxed);
      ps.setArray(1, a);
      ps.setArray(2, a);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        waiting = rs.getInt(1);
      }
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
    return new LoadSample(waiting, rt);
  }

  private Duration roundTrip() throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
    }
    Duration d = Duration.ofNanos(System.nanoTime() - t0);
    if (!c.getAutoCommit()) {
      c.commit();
    }
    return d;
  }
}
