package dev.schemagate.runner.history;

import dev.schemagate.contract.state.TrackState;
import dev.schemagate.contract.state.TrackStateReader;
import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code schemagate.history} and {@code schemagate.track_state} (docs/state.md).
 * Each method without a {@link Connection} argument uses a short connection of its own, so that a
 * failure is recorded even when the phase's connection is broken.
 */
public final class HistoryStore {

  private static final String COLUMNS =
      "id, track, version, phase, file, checksum, commit, applied_by,"
          + " started_at, finished_at, duration_ms, outcome, reason, contract_override, backfill_key,"
          + " backfill_rows, backfill_total, statements_done";

  private final Database db;

  public HistoryStore(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  /**
   * Every row of a track (all tracks when {@code track} is null), oldest first; empty when the
   * schema is not installed.
   */
  public List<HistoryRow> rows(String track) throws SQLException {
    try (Connection c = db.open()) {
      if (HistorySchema.installedVersion(c) == 0) {
        return List.of();
      }
      String sql =
          "SELECT "
              + COLUMNS
              + " FROM schemagate.history"
              + (track == null ? "" : " WHERE track = ?")
              + " ORDER BY id";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        if (track != null) {
          s.setString(1, track);
        }
        try (ResultSet rs = s.executeQuery()) {
          List<HistoryRow> out = new ArrayList<>();
          while (rs.next()) {
            out.add(row(rs));
          }
          return out;
        }
      }
    }
  }

  public Optional<HistoryRow> row(long id) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM schemagate.history WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** Every track's row of {@code track_state}; empty when the schema is not installed. */
  public List<TrackState> trackStates() throws SQLException {
    try (Connection c = db.open()) {
      if (HistorySchema.installedVersion(c) == 0) {
        return List.of();
      }
      return TrackStateReader.read(c, 0);
    }
  }

  public Optional<TrackState> trackState(String track) throws SQLException {
    return trackStates().stream().filter(t -> t.track().equals(track)).findFirst();
  }

  /** Inserts the attempt as {@code running} (committed at once) and returns its id. */
  public long insertRunning(NewAttempt a) throws SQLException {
    String sql =
        "INSERT INTO schemagate.history (track, version, phase, file, checksum, commit, applied_by,"
            + " contract_override, backfill_key, backfill_rows, statements_done)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    try (Connection c = db.open();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, a.track());
      s.setInt(2, a.version());
      s.setString(3, a.phase());
      s.setString(4, a.file());
      s.setString(5, a.checksum());
      s.setString(6, a.commit());
      s.setString(7, a.appliedBy());
      s.setString(8, a.contractOverride());
      s.setString(9, a.backfillKey());
      s.setObject(10, a.backfillRows(), Types.BIGINT);
      s.setObject(11, a.statementsDone(), Types.INTEGER);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Records the attempt as succeeded and the track's new state, on {@code tx}: the caller commits
   * them together with the phase's own transaction when it has one.
   */
  public static void finishSucceeded(Connection tx, long id, TrackState state) throws SQLException {
    try (PreparedStatement s =
        tx.prepareStatement(
            "UPDATE schemagate.history SET outcome = 'succeeded', finished_at = now(), reason = NULL,"
                + " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint"
                + " WHERE id = ? AND outcome = 'running'")) {
      s.setLong(1, id);
      if (s.executeUpdate() != 1) {
        throw new SQLException(
            "history row " + id + " is no longer 'running'; another runner finished it");
      }
    }
    try (PreparedStatement s =
        tx.prepareStatement(
            "INSERT INTO schemagate.track_state (track, contracted, expanded, last_version, last_phase, last_commit, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, now())"
                + " ON CONFLICT (track) DO UPDATE SET contracted = EXCLUDED.contracted, expanded = EXCLUDED.expanded,"
                + " last_version = EXCLUDED.last_version, last_phase = EXCLUDED.last_phase,"
                + " last_commit = EXCLUDED.last_commit, updated_at = EXCLUDED.updated_at")) {
      s.setString(1, state.track());
      s.setInt(2, state.contracted());
      s.setInt(3, state.expanded());
      s.setObject(4, state.lastVersion(), Types.INTEGER);
      s.setString(5, state.lastPhase());
      s.setString(6, state.lastCommit());
      s.executeUpdate();
    }
  }

  /** Records the attempt as failed with its reason (on a connection of its own). */
  public void finishFailed(long id, String reason) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE schemagate.history SET outcome = 'failed', finished_at = now(), reason = ?,"
                    + " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint"
                    + " WHERE id = ? AND outcome = 'running'")) {
      s.setString(1, reason);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /** Records how many statements of a non-transactional phase have completed. */
  public void statementsDone(long id, int done) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement("UPDATE schemagate.history SET statements_done = ? WHERE id = ?")) {
      s.setInt(1, done);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /**
   * Finishes every {@code running} row as failed with reason {@code interrupted}: the runner that
   * wrote it is gone (the caller holds the runner lock, so no live runner owns one).
   *
   * @return the rows so finished
   */
  public List<HistoryRow> finishInterrupted() throws SQLException {
    List<HistoryRow> out = new ArrayList<>();
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE schemagate.history SET outcome = 'failed', finished_at = now(), reason = 'interrupted',"
                    + " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint"
                    + " WHERE outcome = 'running' RETURNING "
                    + COLUMNS)) {
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  static HistoryRow row(ResultSet rs) throws SQLException {
    return new HistoryRow(
        rs.getLong("id"),
        rs.getString("track"),
        rs.getInt("version"),
        rs.getString("phase"),
        rs.getString("file"),
        rs.getString("checksum"),
        rs.getString("commit"),
        rs.getString("applied_by"),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")),
        (Long) rs.getObject("duration_ms"),
        rs.getString("outcome"),
        rs.getString("reason"),
        rs.getString("contract_override"),
        rs.getString("backfill_key"),
        (Long) rs.getObject("backfill_rows"),
        (Long) rs.getObject("backfill_total"),
        (Integer) rs.getObject("statements_done"));
  }

  private static java.time.Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
