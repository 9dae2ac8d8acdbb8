package dev.schemagate.runner.gate;

import dev.schemagate.analyzer.repo.Durations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds a phase back while sessions of the target database wait on locks: a lock queue already
 * exists, and a DDL statement joining it would make every new query on the table wait behind it.
 *
 * <p>A session counts when it has waited for a heavyweight lock ({@code pg_locks.granted = false})
 * longer than {@code longer_than}; the gate fails when more than {@code max} sessions count. The
 * wait is measured from {@code pg_locks.waitstart} (PostgreSQL 14+), blockers come from {@code
 * pg_blocking_pids()}. Waits on advisory locks are application-level queues (and how runners wait
 * for each other), not lock queues a migration lengthens, so they are not counted. The runner's own
 * connection is excluded. See <a
 * href="https://www.postgresql.org/docs/current/view-pg-locks.html">pg_locks</a> and <a
 * href="https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-SESSION">pg_blocking_pids</a>.
 *
 * @param max how many sessions may wait longer than {@code longerThan} without failing the gate
 * @param longerThan waits this short or shorter are normal lock traffic and are not counted
 * @param statementTimeout bounds the gate's query
 */
public record BlockedSessionsGate(int max, Duration longerThan, Duration statementTimeout)
    implements Gate {

  public static final String NAME = "blocked-sessions";

  /** Sessions listed by name in a failure message; the rest are counted. */
  static final int LISTED = 5;

  private static final String QUERY =
      "SELECT l.pid, "
          + "EXTRACT(EPOCH FROM (clock_timestamp() - min(l.waitstart))) * 1000 AS waited_ms, "
          + "pg_blocking_pids(l.pid) AS blockers, "
          + "string_agg(DISTINCT l.locktype || COALESCE(' ' || l.relation::regclass::text, ''), ', ') AS waits_for, "
          + "string_agg(DISTINCT l.mode, ', ') AS modes, "
          + "a.usename, a.application_name "
          + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
          + "WHERE NOT l.granted AND l.locktype <> 'advisory' AND l.pid <> pg_backend_pid() "
          + "AND a.datname = current_database() "
          + "GROUP BY l.pid, a.usename, a.application_name "
          + "ORDER BY waited_ms DESC NULLS LAST, l.pid";

  public BlockedSessionsGate {
    if (max < 0) {
      throw new IllegalArgumentException("max must be 0 or more, got " + max);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean appliesTo(GateContext context) {
    return true;
  }

  @Override
  public GateResult check(GateContext context) {
    List<String> counted = new ArrayList<>();
    int shorter = 0;
    try (Connection c = context.database().open()) {
      GateQueries.begin(c, statementTimeout);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(QUERY)) {
        while (rs.next()) {
          double waitedMs = rs.getDouble("waited_ms");
          // waitstart is NULL for a moment after a wait begins (pg_locks documentation): a wait of
          // ~0.
          Duration waited = rs.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.round(waitedMs));
          if (waited.compareTo(longerThan) <= 0) {
            shorter++;
            continue;
          }
          counted.add(describe(rs, waited));
        }
      } finally {
        GateQueries.end(c);
      }
    } catch (SQLException e) {
      return GateResult.failed(
          NAME,
          "cannot read pg_locks on "
              + context.database().describe()
              + ": "
              + GateQueries.describe(e));
    }
    String scope = "waiting on locks longer than " + Durations.format(longerThan);
    if (counted.size() > max) {
      List<String> listed = counted.subList(0, Math.min(LISTED, counted.size()));
      String more = counted.size() > LISTED ? "; and " + (counted.size() - LISTED) + " more" : "";
      return GateResult.failed(
          NAME,
          counted.size()
              + " session(s) "
              + scope
              + " (max "
              + max
              + "): "
              + String.join("; ", listed)
              + more);
    }
    String shortNote = shorter == 0 ? "" : " (" + shorter + " shorter wait(s) ignored)";
    if (counted.isEmpty()) {
      return GateResult.passed(NAME, "no session " + scope + shortNote);
    }
    return GateResult.passed(
        NAME,
        counted.size()
            + " session(s) "
            + scope
            + ", within max "
            + max
            + ": "
            + String.join("; ", counted)
            + shortNote);
  }

  private static String describe(ResultSet rs, Duration waited) throws SQLException {
    StringBuilder b = new StringBuilder("pid ").append(rs.getInt("pid"));
    String user = rs.getString("usename");
    String app = rs.getString("application_name");
    if (user != null) {
      b.append(" (").append(user);
      if (app != null && !app.isBlank()) {
        b.append(", ").append(app);
      }
      b.append(')');
    }
    b.append(" waited ")
        .append(Durations.format(waited))
        .append(" for ")
        .append(rs.getString("modes"))
        .append(" on ")
        .append(rs.getString("waits_for"));
    Array blockers = rs.getArray("blockers");
    Integer[] pids = blockers == null ? new Integer[0] : (Integer[]) blockers.getArray();
    b.append(pids.length == 0 ? ", blocker already gone" : ", blocked by pid " + joinPids(pids));
    return b.toString();
  }

  private static String joinPids(Integer[] pids) {
    return String.join(", ", Arrays.stream(pids).map(String::valueOf).toList());
  }
}
