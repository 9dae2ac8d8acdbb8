package dev.schemagate.runner.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where a backfill's progress is kept: the {@code backfill_key}/{@code backfill_rows} columns of
 * its {@code schemagate.history} row (docs/state.md). {@link #advance} writes through the batch's
 * own connection, inside the batch's transaction, so a batch and its checkpoint commit together and
 * a killed run resumes exactly after the last committed batch.
 */
public interface Checkpoint {

  /** The key the last committed batch reached, in text form; empty before the first batch. */
  Optional<String> lastKey();

  /** Rows changed by committed batches so far. */
  long rowsDone();

  /** Records a batch, on the batch's connection, before it commits. */
  void advance(Connection batchTransaction, String reachedKey, long rowsChanged)
      throws SQLException;

  /** Records the estimated number of rows to visit (progress and ETA); may be called once. */
  void estimate(long totalRows) throws SQLException;

  /**
   * Re-reads the committed position, on a new connection, after the backfill lost its own: a batch
   * whose commit never reached the server must not count. A checkpoint kept only in memory has
   * nothing to re-read.
   */
  default void reload() throws SQLException {}
}
