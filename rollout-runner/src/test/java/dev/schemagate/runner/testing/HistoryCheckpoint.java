package dev.schemagate.runner.testing;

import dev.schemagate.runner.backfill.Checkpoint;
import dev.schemagate.runner.history.HistorySchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A {@link Checkpoint} over a real {@code schemagate.history} row (schema-v1.sql, docs/state.md),
 * for tests: the runner core has the production one. Reads the row fresh at construction and on
 * {@link #reload()}.
 */
public final class HistoryCheckpoint implements Checkpoint {

  private final Pg17.Db db;
  private final long id;
  private Optional<String> lastKey;
  private long rowsDone;

  private HistoryCheckpoint(Pg17.Db db, long id) {
    this.db = db;
    this.id = id;
    read();
  }

  private void read() {
    try (Connection c = db.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT backfill_key, coalesce(backfill_rows, 0) FROM schemagate.history WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        lastKey = Optional.ofNullable(rs.getString(1));
        rowsDone = rs.getLong(2);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Installs the history schema when missing and inserts a running backfill row; returns its id.
   */
  public static long start(Pg17.Db db, String track, int version) {
    try (Connection c = db.open()) {
      HistorySchema.ensure(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              """
          INSERT INTO schemagate.history (track, version, phase, file, checksum, commit, applied_by)
          VALUES (?, ?, 'backfill', ?, 'sha256:00', '0000000000000000000000000000000000000000', 'test') RETURNING id""")) {
        ps.setString(1, track);
        ps.setInt(2, version);
        ps.setString(3, "migrations/" + track + "/" + version + "/backfill.sql");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The checkpoint of history row {@code id}, as a (re)starting runner reads it. */
  public static HistoryCheckpoint of(Pg17.Db db, long id) {
    return new HistoryCheckpoint(db, id);
  }

  @Override
  public void reload() {
    read();
  }

  @Override
  public Optional<String> lastKey() {
    return lastKey;
  }

  @Override
  public long rowsDone() {
    return rowsDone;
  }

  @Override
  public void advance(Connection batchTransaction, String reachedKey, long rowsChanged)
      throws SQLException {
    try (PreparedStatement ps =
        batchTransaction.prepareStatement(
            "UPDATE schemagate.history SET backfill_key = ?, backfill_rows = coalesce(backfill_rows, 0) + ? WHERE id = ?")) {
      ps.setString(1, reachedKey);
      ps.setLong(2, rowsChanged);
      ps.setLong(3, id);
      ps.executeUpdate();
    }
  }

  @Override
  public void estimate(long totalRows) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement ps =
            c.prepareStatement("UPDATE schemagate.history SET backfill_total = ? WHERE id = ?")) {
      ps.setLong(1, totalRows);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }
}
