package dev.schemagate.runner.history;

/**
 * What the runner records before it starts a phase (or a rollback): the row is inserted as {@code
 * running}. {@code backfillKey}/{@code backfillRows}/{@code statementsDone} carry over the progress
 * of an interrupted earlier attempt of the same file.
 */
public record NewAttempt(
    String track,
    int version,
    String phase,
    String file,
    String checksum,
    String commit,
    String appliedBy,
    String contractOverride,
    String backfillKey,
    Long backfillRows,
    Integer statementsDone) {}
