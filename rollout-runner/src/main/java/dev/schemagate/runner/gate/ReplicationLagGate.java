package dev.schemagate.runner.gate;

import dev.schemagate.analyzer.repo.Durations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Holds a phase back while a streaming standby replays WAL too far behind the primary, so a rollout
 * does not pile more WAL (a backfill, an index build) onto replicas that are already late.
 *
 * <p>Reads {@code pg_stat_replication} on the primary: {@code replay_lag} (time) and, when {@code
 * max_bytes} is set, {@code pg_current_wal_lsn() - replay_lsn} (bytes). A standby in state {@code
 * catchup} or {@code startup} is behind by definition. With no standby connected the gate passes
 * and says so. A role that may not read the replication columns (PostgreSQL shows them only to
 * superusers and members of {@code pg_read_all_stats}) fails the gate: invisible lag is not zero
 * lag. See <a
 * href="https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-REPLICATION-VIEW">pg_stat_replication</a>.
 *
 * @param max the largest tolerated {@code replay_lag}
 * @param maxBytes the largest tolerated replay distance in bytes, if any
 * @param statementTimeout bounds the gate's query
 */
public record ReplicationLagGate(Duration max, OptionalLong maxBytes, Duration statementTimeout)
    implements Gate {

  public static final String NAME = "replication-lag";

  private static final String QUERY =
      "SELECT pid, application_name, host(client_addr) AS client_addr, state, "
          + "EXTRACT(EPOCH FROM replay_lag) * 1000 AS replay_lag_ms, "
          + "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS behind_bytes "
          + "FROM pg_stat_replication ORDER BY application_name, pid";

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
    List<String> late = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try (Connection c = context.database().open()) {
      GateQueries.begin(c, statementTimeout);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(QUERY)) {
        while (rs.next()) {
          String standby = standbyName(rs);
          String state = rs.getString("state");
          if (state == null) {
            return GateResult.failed(
                NAME,
                "cannot read the replication state of standby pid "
                    + rs.getInt("pid")
                    + ": the role needs pg_read_all_stats (or superuser) to see pg_stat_replication; "
                    + "GRANT pg_read_all_stats TO <runner role>");
          }
          double lagMs = rs.getDouble("replay_lag_ms");
          // NULL replay_lag: caught up and idle (PostgreSQL clears the lag once the standby has
          // replayed everything).
          Duration lag = rs.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.round(lagMs));
          long bytes = rs.getLong("behind_bytes");
          boolean bytesKnown = !rs.wasNull();
          String detail =
              standby
                  + " (state "
                  + state
                  + ", replay lag "
                  + Durations.format(lag)
                  + (bytesKnown ? ", " + bytes + " bytes behind" : "")
                  + ")";
          seen.add(detail);
          if (!state.equals("streaming")) {
            late.add(standby + " is in state " + state + ", not streaming");
          } else if (lag.compareTo(max) > 0) {
            late.add(
                standby
                    + " replays "
                    + Durations.format(lag)
                    + " behind (max "
                    + Durations.format(max)
                    + ")");
          } else if (maxBytes.isPresent() && bytesKnown && bytes > maxBytes.getAsLong()) {
            late.add(
                standby
                    + " is "
                    + bytes
                    + " bytes of WAL behind (max_bytes "
                    + maxBytes.getAsLong()
                    + ")");
          }
        }
      } finally {
        GateQueries.end(c);
      }
    } catch (SQLException e) {
      return GateResult.failed(
          NAME,
          "cannot read pg_stat_replication on "
              + context.database().describe()
              + ": "
              + GateQueries.describe(e));
    }
    if (seen.isEmpty()) {
      return GateResult.passed(
          NAME,
          "no standby is connected (pg_stat_replication is empty): no replication lag to wait for");
    }
    if (!late.isEmpty()) {
      return GateResult.failed(NAME, String.join("; ", late));
    }
    return GateResult.passed(
        NAME,
        seen.size()
            + " standby(s) within "
            + Durations.format(max)
            + ": "
            + String.join(", ", seen));
  }

  private static String standbyName(ResultSet rs) throws SQLException {
    String app = rs.getString("application_name");
    String addr = rs.getString("client_addr");
    String name = app == null || app.isBlank() ? "pid " + rs.getInt("pid") : "\"" + app + "\"";
    return "standby " + name + (addr == null ? " (local socket)" : " at " + addr);
  }
}
