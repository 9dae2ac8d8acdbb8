package dev.schemagate.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sessions that each hold EXCLUSIVE on one table while a statement outside a transaction block
 * runs, so that the statement's first request on that table stronger than ACCESS SHARE waits and
 * shows its mode in {@code pg_locks} ({@link LockRecorder}). One session per table, so that a
 * statement that visits tables one after another (REINDEX SCHEMA, VACUUM of a list) is held back at
 * each of them: a session is released when the statement waits on the table it holds. {@code LOCK
 * TABLE ONLY}: a partitioned table's session must not hold its partitions, which have sessions of
 * their own.
 *
 * <p>EXCLUSIVE, not ACCESS EXCLUSIVE: a VACUUM first looks the table up under ACCESS SHARE and only
 * then, in a transaction without an id (which no commit pause catches), takes SHARE UPDATE
 * EXCLUSIVE, the request that must be seen. Each session only runs LOCK TABLE in READ COMMITTED and
 * then idles in its transaction without a snapshot, so CREATE INDEX CONCURRENTLY's waits for older
 * snapshots never wait for it.
 */
final class Blockers implements AutoCloseable {

  /** At most this many sessions (each is a connection; the server allows 40). */
  static final int MAX = 12;

  private static final String HELD =
      """
      SELECT relation FROM pg_locks
      WHERE locktype = 'relation' AND pid = pg_backend_pid() AND granted AND relation >= 16384
      """;

  private final Map<Connection, Set<Long>> held = new LinkedHashMap<>();

  private Blockers() {}

  /**
   * Holds each of {@code tables} (qualified, quoted as needed by {@link #quoted}) from its own
   * session on {@code database}. A table that cannot be locked is left out.
   */
  static Blockers hold(PgServer server, String database, Collection<String> tables)
      throws SQLException {
    Blockers b = new Blockers();
    try {
      for (String table : tables) {
        Connection c = server.connect(database);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("LOCK TABLE ONLY " + quoted(table) + " IN EXCLUSIVE MODE");
          Set<Long> oids = new HashSet<>();
          try (ResultSet rs = s.executeQuery(HELD)) {
            while (rs.next()) {
              oids.add(rs.getLong(1));
            }
          }
          b.held.put(c, oids);
        } catch (SQLException e) {
          c.close(); // not held: the statement is then observed at its commits only
        }
      }
    } catch (SQLException e) {
      b.close();
      throw e;
    }
    return b;
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  int size() {
    return held.size();
  }

  /**
   * The statement waits on a lock: releases the sessions holding any of the relations {@code
   * waitedOn}; with null (it waits on something other than a relation, such as another
   * transaction's end, which only a blocker can be holding up), all of them. A wait on a relation
   * no session holds any more (read just before the statement woke up) releases nothing.
   */
  void releaseFor(Set<Long> waitedOn) throws SQLException {
    List<Connection> release = new ArrayList<>();
    held.forEach(
        (c, oids) -> {
          if (waitedOn == null || oids.stream().anyMatch(waitedOn::contains)) {
            release.add(c);
          }
        });
    for (Connection c : release) {
      held.remove(c);
      c.rollback();
      c.close();
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (Connection c : held.keySet()) {
      try {
        c.rollback();
        c.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    held.clear();
    if (first != null) {
      throw first;
    }
  }

  /** {@code "schema"."name"} for a {@code schema.name} as pg_class gives it. */
  static String quoted(String qualified) {
    int dot = qualified.indexOf('.');
    return "\""
        + qualified.substring(0, dot).replace("\"", "\"\"")
        + "\".\""
        + qualified.substring(dot + 1).replace("\"", "\"\"")
        + "\"";
  }
}
