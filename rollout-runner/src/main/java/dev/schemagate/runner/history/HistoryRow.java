package dev.schemagate.runner.history;

import java.time.Instant;

/**
 * One row of {@code schemagate.history} (docs/state.md): one attempt to run a phase or a rollback.
 */
public record HistoryRow(
    long id,
    String track,
    int version,
    String phase,
    String file,
    String checksum,
    String commit,
    String appliedBy,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    String outcome,
    String reason,
    String contractOverride,
    String backfillKey,
    Long backfillRows,
    Long backfillTotal,
    Integer statementsDone) {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String ROLLBACK = "rollback";

  public boolean succeeded() {
    return SUCCEEDED.equals(outcome);
  }

  public boolean running() {
    return RUNNING.equals(outcome);
  }

  /** {@code orders@3 expand}. */
  public String label() {
    return track + "@" + version + " " + phase;
  }
}
