package dev.schemagate.runner.history;

import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads {@code schemagate.held_back}: which gate stopped which phase, and why. The run
 * stops on a held-back phase with the gate's reason either way; this keeps the reason where the
 * history is, for whoever asks later why a phase did not run.
 */
public final class HeldBackLog {

  private final Database db;

  public HeldBackLog(Database db) {
    this.db = db;
  }

  /** Records it on a connection of its own (committed at once). */
  public void record(HeldBack h) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO schemagate.held_back (track, version, phase, file, commit, applied_by, gate, reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, h.track());
      s.setInt(2, h.version());
      s.setString(3, h.phase());
      s.setString(4, h.file());
      s.setString(5, h.commit());
      s.setString(6, h.appliedBy());
      s.setString(7, h.gate());
      s.setString(8, h.reason());
      s.executeUpdate();
    }
  }

  /**
   * A track's held-back phases (every track's when {@code track} is null), oldest first; empty
   * before version 2.
   */
  public List<HeldBack> list(String track) throws SQLException {
    List<HeldBack> out = new ArrayList<>();
    try (Connection c = db.open()) {
      if (HistorySchema.installedVersion(c) < 2) {
        return out;
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT track, version, phase, file, commit, applied_by, gate, reason, held_at FROM schemagate.held_back"
                  + " WHERE ? IS NULL OR track = ? ORDER BY id")) {
        s.setString(1, track);
        s.setString(2, track);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(
                new HeldBack(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getTimestamp(9).toInstant()));
          }
        }
      }
    }
    return out;
  }
}
