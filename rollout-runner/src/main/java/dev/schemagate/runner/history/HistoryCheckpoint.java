package dev.schemagate.runner.history;

import dev.schemagate.runner.backfill.Checkpoint;
import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A backfill's checkpoint kept in its {@code schemagate.history} row. The row of a resumed backfill
 * starts with the key and row count of the interrupted attempt (the runner copies them when it
 * inserts the row), so {@link #lastKey()} is where the new attempt continues.
 */
public final class HistoryCheckpoint implements Checkpoint {

  private final Database db;
  private final long historyId;
  private String lastKey;
  private long rowsDone;

  public HistoryCheckpoint(Database db, long historyId, String lastKey, long rowsDone) {
    this.db = db;
    this.historyId = historyId;
    this.lastKey = lastKey;
    this.rowsDone = rowsDone;
  }

  public long historyId() {
    return historyId;
  }

  @Override
  public synchronized Optional<String> lastKey() {
    return Optional.ofNullable(lastKey);
  }

  @Override
  public synchronized long rowsDone() {
    return rowsDone;
  }

  @Override
  public synchronized void advance(Connection batchTransaction, String reachedKey, long rowsChanged)
      throws SQLException {
    long total = rowsDone + rowsChanged;
    try (PreparedStatement s =
        batchTransaction.prepareStatement(
            "UPDATE schemagate.history SET backfill_key = ?, backfill_rows = ? WHERE id = ? AND outcome = 'running'")) {
      s.setString(1, reachedKey);
      s.setLong(2, total);
      s.setLong(3, historyId);
      if (s.executeUpdate() != 1) {
        throw new SQLException(
            "history row " + historyId + " is no longer 'running'; the checkpoint cannot advance");
      }
    }
    // In memory only once written; if the batch then rolls back, the engine stops and a resumed
    // run reads the committed values from the row again.
    lastKey = reachedKey;
    rowsDone = total;
  }

  @Override
  public synchronized void reload() throws SQLException {
    HistoryRow row =
        new HistoryStore(db)
            .row(historyId)
            .orElseThrow(
                () ->
                    new SQLException(
                        "history row " + historyId + " is gone; the checkpoint cannot be read"));
    lastKey = row.backfillKey();
    rowsDone = row.backfillRows() == null ? 0 : row.backfillRows();
  }

  @Override
  public void estimate(long totalRows) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement("UPDATE schemagate.history SET backfill_total = ? WHERE id = ?")) {
      s.setLong(1, totalRows);
      s.setLong(2, historyId);
      s.executeUpdate();
    }
  }
}
