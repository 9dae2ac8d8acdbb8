package dev.schemagate.runner.backfill;

import dev.schemagate.runner.apply.Blocker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions most likely in the way of a backfill whose batches keep failing to get their locks:
 * those holding a lock on the table (a row lock comes with the table's {@code ROW EXCLUSIVE}) in a
 * transaction older than {@code olderThan}, oldest first. A batch's own wait is over when it is
 * reported, so {@code pg_blocking_pids} has nothing to say by then; this is the next best answer,
 * named in the message that stops the backfill.
 */
final class TableLockHolders {

  private static final String HOLDERS =
      """
      SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), coalesce(a.state, ''), a.xact_start,
             (extract(epoch FROM now() - a.xact_start) * 1000)::bigint, coalesce(a.query, '')
        FROM pg_stat_activity a
       WHERE a.pid <> pg_backend_pid()
         AND a.application_name IS DISTINCT FROM ?
         AND a.xact_start < now() - make_interval(secs => ?)
         AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.granted AND l.relation = to_regclass(?))
       ORDER BY a.xact_start, a.pid
       LIMIT 5
      """;

  private TableLockHolders() {}

  static List<Blocker> of(Connection c, String table, Duration olderThan) {
    List<Blocker> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
      ps.setString(1, BackfillRunner.APPLICATION_NAME);
      ps.setDouble(2, olderThan.toMillis() / 1000.0);
      ps.setString(3, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp start = rs.getTimestamp(5);
          out.add(
              new Blocker(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  start == null ? null : start.toInstant(),
                  start == null ? null : Duration.ofMillis(rs.getLong(6)),
                  rs.getString(7)));
        }
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      // the message stays without them; the backfill's own error is what matters
    }
    return out;
  }
}
