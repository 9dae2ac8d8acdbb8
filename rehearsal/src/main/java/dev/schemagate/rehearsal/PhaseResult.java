package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.runner.workload.WindowStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one phase did to the workload, measured, and extrapolated to full scale.
 *
 * @param during the workload's window while the phase ran (its longest stall: no client completed a
 *     query)
 * @param lockWait the longest a workload query waited for a lock the phase held or queued for
 * @param batched a batched backfill (its lock waits are per batch, sized by time: they do not grow
 *     with the rows)
 * @param rowBound the phase blocks the workload in proportion to the rows ({@link RowBoundLocks})
 * @param backfillRows rows a batched backfill changed (empty for other phases)
 * @param fullScaleDuration the duration over the scale
 * @param fullScaleLockWait the longest lock wait at full scale: for a row-bound phase the
 *     baseline's plus the excess over the scale; as measured for the others
 * @param failure why the phase failed, or empty
 */
public record PhaseResult(
    PhaseFile file,
    Duration duration,
    WindowStats during,
    Duration lockWait,
    boolean batched,
    boolean rowBound,
    Optional<Long> backfillRows,
    Duration fullScaleDuration,
    Duration fullScaleLockWait,
    List<PlanChange> plans,
    Optional<String> failure) {

  public PhaseResult {
    plans = List.copyOf(plans);
  }

  public String label() {
    return file.track() + "@" + file.version() + " " + file.phase().id();
  }

  /** Backfill rows changed per second, when the phase was a batched backfill. */
  public Optional<Double> backfillRate() {
    return backfillRows.map(r -> r / Math.max(1e-9, duration.toNanos() / 1e9));
  }
}
