package dev.schemagate.runner.backfill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How far the replicas are behind: the largest {@code replay_lag} in {@code pg_stat_replication}
 * (https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-REPLICATION-VIEW).
 * Zero without replicas, and zero while a replica is caught up (PostgreSQL then reports NULL).
 */
@FunctionalInterface
public interface ReplicationLag {

  Duration measure(Connection c) throws SQLException;

  ReplicationLag PG_STAT_REPLICATION =
      c -> {
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT coalesce(max(extract(epoch FROM replay_lag)), 0)::float8 FROM pg_stat_replication")) {
          rs.next();
          return Duration.ofNanos((long) (rs.getDouble(1) * 1e9));
        }
      };
}
