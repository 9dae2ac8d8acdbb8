package dev.schemagate.runner.backfill;

import java.time.Duration;

/**
 * What the adaptive throttle sees of the workload, measured between batches on the backfill's
 * own connection ({@link LoadProbe}).
 *
 * @param waitingOnBackfill sessions that were waiting for a lock a backfill connection holds
 *     ({@code pg_blocking_pids}): a live write queued behind a batch's row locks
 * @param roundTrip how long a trivial query took just now: when the server (or the machine) is
 *     saturated, every query of the workload slows down the same way
 */
public record LoadSample(int waitingOnBackfill, Duration roundTrip) {}
