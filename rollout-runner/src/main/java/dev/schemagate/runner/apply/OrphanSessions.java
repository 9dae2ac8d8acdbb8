package dev.schemagate.runner.apply;

import dev.schemagate.runner.db.JdbcDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sessions of an earlier runner that are still executing: when a runner is killed, its lock session
 * ends at once (it was idle), but a backend in the middle of a statement (a {@code CREATE INDEX
 * CONCURRENTLY}) only notices at its next {@code client_connection_check_interval} check, or when
 * the statement ends. The new runner, which holds the runner lock, waits for them (bounded), then
 * cancels them: nobody is left to record what they do.
 */
public final class OrphanSessions {

  private OrphanSessions() {}

  public static void settle(Connection c, Duration wait, Consumer<String> log)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean logged = false;
    while (true) {
      List<String> found = find(c);
      if (found.isEmpty()) {
        return;
      }
      if (System.nanoTime() >= deadline) {
        log.accept(
            "cancelling statements an earlier, interrupted runner left running: "
                + String.join("; ", found));
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE " + WHERE)) {
          s.setString(1, JdbcDatabase.APPLICATION_NAME);
          s.execute();
        }
        Thread.sleep(1000);
        return;
      }
      if (!logged) {
        log.accept(
            "waiting up to "
                + wait.toSeconds()
                + " s for statements an earlier, interrupted runner left running: "
                + String.join("; ", found));
        logged = true;
      }
      Thread.sleep(500);
    }
  }

  private static final String WHERE =
      "application_name = ? AND pid <> pg_backend_pid() AND state = 'active'"
          + " AND query NOT LIKE 'SELECT pg_try_advisory_lock%'";

  private static List<String> find(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT pid, query_start, left(regexp_replace(query, '\\s+', ' ', 'g'), 80) FROM pg_stat_activity WHERE "
                + WHERE)) {
      s.setString(1, JdbcDatabase.APPLICATION_NAME);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              "pid "
                  + rs.getInt(1)
                  + " since "
                  + rs.getTimestamp(2).toInstant()
                  + ": "
                  + rs.getString(3));
        }
      }
      return out;
    }
  }
}
