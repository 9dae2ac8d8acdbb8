package dev.schemagate.runner.apply;

import dev.schemagate.runner.RunnerException;
import dev.schemagate.runner.db.PgNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Before a phase: transactions open longer than the threshold that hold a lock on one of the
 * phase's tables. Any lock the phase needs would queue behind them, and every query arriving after
 * it would queue behind the phase; so the runner waits for them a bounded time, then fails naming
 * them instead of starting. A phase that builds or drops an index {@code CONCURRENTLY} also waits
 * for every transaction holding an old snapshot, whatever it touches ("waits for all existing
 * transactions that could potentially modify or use the index", CREATE INDEX), so for such a phase
 * any long transaction with a snapshot counts.
 */
public final class LongTransactions {

  private LongTransactions() {}

  public static void awaitNone(
      Connection c,
      String label,
      Set<String> tables,
      boolean anySnapshot,
      Duration threshold,
      Duration wait,
      Consumer<String> log)
      throws SQLException, InterruptedException {
    if (tables.isEmpty() && !anySnapshot) {
      return;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    boolean logged = false;
    while (true) {
      List<String> found = find(c, tables, anySnapshot, threshold);
      if (found.isEmpty()) {
        return;
      }
      if (System.nanoTime() >= deadline) {
        throw new RunnerException(
            label
                + " not started: long-running transactions hold locks on its tables after waiting "
                + wait.toSeconds()
                + " s: "
                + String.join("; ", found));
      }
      if (!logged) {
        log.accept(
            label
                + ": waiting up to "
                + wait.toSeconds()
                + " s for long-running transactions on its tables: "
                + String.join("; ", found));
        logged = true;
      }
      Thread.sleep(1000);
    }
  }

  static List<String> find(
      Connection c, Set<String> tables, boolean anySnapshot, Duration threshold)
      throws SQLException {
    String sql =
        """
        WITH t AS (SELECT to_regclass(n) AS oid, n FROM unnest(?::text[]) AS n)
        SELECT a.pid, min(a.xact_start), min(a.state), min(left(regexp_replace(a.query, '\\s+', ' ', 'g'), 80)),
               coalesce(string_agg(DISTINCT t.oid::regclass::text, ', '), 'an old snapshot')
          FROM pg_stat_activity a
          LEFT JOIN pg_locks l ON l.pid = a.pid AND l.granted
          LEFT JOIN t ON t.oid IS NOT NULL AND l.relation = t.oid
         WHERE a.pid <> pg_backend_pid()
           AND a.xact_start < now() - make_interval(secs => ?)
         GROUP BY a.pid
        HAVING count(t.oid) > 0 OR (? AND bool_or(a.backend_xmin IS NOT NULL))
         ORDER BY 2
        """;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      Array names = c.createArrayOf("text", tables.stream().map(PgNames::regclass).toArray());
      s.setArray(1, names);
      s.setDouble(2, threshold.toMillis() / 1000.0);
      s.setBoolean(3, anySnapshot);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              "pid "
                  + rs.getInt(1)
                  + " (transaction started "
                  + rs.getTimestamp(2).toInstant()
                  + ", "
                  + rs.getString(3)
                  + ", on "
                  + rs.getString(5)
                  + ", last query: "
                  + rs.getString(4)
                  + ")");
        }
      }
      return out;
    }
  }
}
