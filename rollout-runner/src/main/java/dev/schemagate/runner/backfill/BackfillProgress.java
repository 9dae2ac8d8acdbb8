package dev.schemagate.runner.backfill;

import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot of a running backfill, given to the {@link ProgressSink} after each batch.
 *
 * @param rowsVisited keys walked so far (in earlier runs too, as far as the checkpoint knows)
 * @param rowsChanged rows the batch statement changed (committed batches, earlier runs included)
 * @param totalRows the estimated number of keys to walk (from the planner's statistics), 0 if
 *     unknown
 * @param rowsPerSecond keys walked per second over the last few seconds
 * @param eta the estimated time left, null when unknown
 * @param batch rows in the next batch
 * @param lastBatch how long the last committed batch took
 * @param pause the pause before the next batch
 * @param lag the replicas' replay lag last measured
 * @param lockTimeouts batches rolled back because a lock was not granted in time
 * @param waiting what the backfill waits for, when it is not running a batch (e.g. replication
 *     lag), or null
 */
public record BackfillProgress(
    String table,
    long rowsVisited,
    long rowsChanged,
    long totalRows,
    double rowsPerSecond,
    Duration elapsed,
    Duration eta,
    int batch,
    Duration lastBatch,
    Duration pause,
    Duration lag,
    long lockTimeouts,
    String waiting,
    boolean done) {

  /** Completed fraction 0..1 of the estimate (capped: the estimate may be low). */
  public double fraction() {
    if (done) {
      return 1;
    }
    return totalRows <= 0 ? 0 : Math.min(0.999, (double) rowsVisited / totalRows);
  }

  /** {@code 1:02:03}, {@code 4:05}. */
  static String clock(Duration d) {
    if (d == null) {
      return "--:--";
    }
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
