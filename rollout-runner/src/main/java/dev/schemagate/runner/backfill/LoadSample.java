package dev.schemagate.runner.backfill;

import java.time.Duration;

/**
 * What the adaptive throttle sees of the workload since its last change of pace, measured by {@link
 * LoadProbe} on its own connection every {@link LoadProbe#TICK}.
 *
 * @param waitingOnBackfill sessions waiting for a lock one of the backfill's connections holds
 *     ({@code pg_blocking_pids}), on average over the probe's ticks: a live write queued behind a
 *     batch's row locks (0.5: one session waited half of the time)
 * @param latency the 90th percentile of the probe's timed query pair: a point read through the
 *     table's key index and a commit that flushes the WAL, what a workload read and write wait for
 * @param probes how many probes the percentile is taken over (too few: no verdict)
 */
public record LoadSample(double waitingOnBackfill, Duration latency, int probes) {}
