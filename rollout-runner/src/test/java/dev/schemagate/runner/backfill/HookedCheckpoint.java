package dev.schemagate.runner.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A checkpoint that runs a hook before each batch's checkpoint is written (inside the batch's
 * transaction, before its commit), for tests that make a batch fail or lose its connection there.
 */
final class HookedCheckpoint implements Checkpoint {

  /** Called with the batch's number (from 1), its transaction and the key it reached. */
  @FunctionalInterface
  interface BeforeAdvance {
    void run(int batch, Connection tx, String key) throws SQLException;
  }

  private final Checkpoint real;
  private final BeforeAdvance hook;
  private int batches;

  HookedCheckpoint(Checkpoint real, BeforeAdvance hook) {
    this.real = real;
    this.hook = hook;
  }

  @Override
  public Optional<String> lastKey() {
    return real.lastKey();
  }

  @Override
  public long rowsDone() {
    return real.rowsDone();
  }

  @Override
  public void advance(Connection tx, String key, long rows) throws SQLException {
    int batch;
    synchronized (this) {
      batch = ++batches;
    }
    hook.run(batch, tx, key);
    real.advance(tx, key, rows);
  }

  @Override
  public void estimate(long totalRows) throws SQLException {
    real.estimate(totalRows);
  }

  @Override
  public void reload() throws SQLException {
    real.reload();
  }
}
