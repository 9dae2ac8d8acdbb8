package dev.schemagate.runner.backfill;

import java.time.Duration;

/**
 * What one run of a backfill did (this run only; the checkpoint holds the totals).
 *
 * @param lastKey the key the last committed batch reached, or null when this run committed none
 * @param smallestBatch the smallest batch size the throttle chose in this run
 * @param largestBatch the largest one
 * @param lockTimeouts batches rolled back because a lock was not granted within lock_timeout
 * @param statementTimeouts batches rolled back by statement_timeout
 * @param lagWaits times a batch waited for replicas above max_lag
 * @param backoffs times the adaptive throttle stepped down because the workload felt the backfill
 * @param mostWorkers the most connections that ran batches at once
 * @param walkBound the last key the walk visits ({@code until=start}: the table's last key when it
 *     began), or null when it follows the table's end
 */
public record BackfillResult(
    long rowsVisited,
    long rowsChanged,
    long batches,
    Duration elapsed,
    String lastKey,
    int smallestBatch,
    int largestBatch,
    long lockTimeouts,
    long statementTimeouts,
    long lagWaits,
    long backoffs,
    int mostWorkers,
    String walkBound) {

  /**
   * Rows changed per second: the work done (a row visited but already migrated costs a probe, not a
   * write).
   */
  public double rowsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : rowsChanged / s;
  }

  /** Keys walked per second. */
  public double visitedPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : rowsVisited / s;
  }
}
