package dev.schemagate.runner.backfill;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sizes batches and the pauses between them. Batches are sized by time, not rows: the next batch
 * holds as many rows as the recent cost per row says fit in {@code target}, changing at most ×2 or
 * ÷2 per batch. A lock not granted within the batch's {@code lock_timeout}, a statement timeout or
 * replication lag halve the batch and add a pause (exponential, with jitter, for repeated lock
 * failures), so the backfill yields to live traffic instead of queueing in front of it.
 */
public final class Throttle {

  /** The smallest batch: below this the per-batch round trips dominate. */
  static final int MIN_BATCH = 10;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** Adaptive: the shortest batch duration it backs off to, and the one it starts with. */
  static final Duration MIN_TARGET = Duration.ofMillis(25);

  static final Duration START_TARGET = Duration.ofMillis(100);

  /**
   * Adaptive: a probe latency above {@code 2 × baseline + SLACK} counts as the workload slowing
   * down.
   */
  static final Duration SLACK = Duration.ofNanos(200_000);

  /** Adaptive: sessions waiting on the backfill's locks, on average, from which it backs off. */
  static final double WAITING_LIMIT = 0.25;

  /**
   * Adaptive: probes a verdict needs (fewer: the sample is ignored). The 90th percentile of 5 is
   * their maximum, one stray probe; of 10 it is the second largest. The first bench run on a busy
   * machine backed off at nearly every look with 5 while the workload's p99 fell (0.6×).
   */
  static final int MIN_PROBES = 10;

  /** Adaptive: clean samples in a row before the next step up, once the throttle has backed off. */
  static final int CLEAN_TO_GROW = 2;

  /**
   * Adaptive: the longest pause after a batch, in batch durations, at one worker and the least
   * target: the backfill keeps at least a third of the time (with 4, 9 % of its idle-ish rate was
   * left under 8 clients, below the previous defaults' fixed pace).
   */
  static final double MAX_NICE = 2;

  private final long maxTargetNanos;
  private final int maxBatch;
  private final Duration basePause;
  private final Duration maxLag;
  private final int maxWorkers;
  private final boolean adaptive;

  private long targetNanos;
  private int workers;
  private int batch;
  private double nanosPerRow = -1;
  private int lockFailures;
  private Duration pause;
  private Duration baseline;
  private int clean;

  /**
   * Pause after each batch in batch durations (a duty cycle, as gh-ost's --nice-ratio): 0 until one
   * worker is too many.
   */
  private double nice;

  private long backoffs;

  /**
   * Until the first back-off, each clean sample doubles workers and target (a slow start, as
   * TCP's).
   */
  private boolean slowStart = true;

  private int mostWorkers;

  /** A fixed target and one worker (not adaptive). */
  public Throttle(
      int firstBatch, int maxBatch, Duration target, Duration basePause, Duration maxLag) {
    this(firstBatch, maxBatch, target, basePause, maxLag, 1, false);
  }

  /**
   * @param target the batch duration aimed for; when {@code adaptive}, the longest it grows to (it
   *     starts at {@link #START_TARGET} or less)
   * @param maxWorkers connections running batches at once; when {@code adaptive}, the most it grows
   *     to (it starts at one)
   */
  public Throttle(
      int firstBatch,
      int maxBatch,
      Duration target,
      Duration basePause,
      Duration maxLag,
      int maxWorkers,
      boolean adaptive) {
    this.maxTargetNanos = target.toNanos();
    this.maxBatch = Math.max(MIN_BATCH, maxBatch);
    this.basePause = basePause;
    this.maxLag = maxLag;
    this.maxWorkers = Math.max(1, maxWorkers);
    this.adaptive = adaptive;
    this.targetNanos = adaptive ? Math.min(maxTargetNanos, START_TARGET.toNanos()) : maxTargetNanos;
    this.workers = adaptive ? 1 : this.maxWorkers;
    this.mostWorkers = workers;
    this.batch = clamp(firstBatch);
    this.pause = basePause;
  }

  /** Connections that may run batches at once now. */
  public int workers() {
    return workers;
  }

  /** The batch duration aimed for now. */
  public Duration target() {
    return Duration.ofNanos(targetNanos);
  }

  /** Times the adaptive throttle stepped down because the workload felt the backfill. */
  public long backoffs() {
    return backoffs;
  }

  /** The most workers the throttle let run at once. */
  public int mostWorkers() {
    return mostWorkers;
  }

  /** The probe's latency before the backfill started ({@link LoadProbe#baseline()}). */
  public void baseline(Duration latency) {
    this.baseline = latency;
  }

  /** The pause after each batch, in batch durations (0: none). */
  public double nice() {
    return nice;
  }

  /**
   * Adaptive control (AIMD, as GitLab's batched background migrations and spirit adjust their
   * batches), on what the workload feels since the last change of pace: when sessions waited on the
   * backfill's locks ({@link #WAITING_LIMIT} on average) or the probe's latency (90th percentile)
   * is above twice the baseline plus {@link #SLACK}, workers and target halve and the next batch is
   * halved; at one worker and the least target a pause after each batch grows instead (a duty
   * cycle: ½, 1, 2 batch durations). Until the first back-off every clean sample doubles workers
   * and target (slow start); after it, {@link #CLEAN_TO_GROW} clean samples in a row first shrink
   * that pause, then add one worker and make the target 1.5 times longer, up to the configured
   * ones. A sample of fewer than {@link #MIN_PROBES} probes is no verdict.
   *
   * @return whether the pace changed (the caller then restarts the probe's window)
   */
  public boolean load(LoadSample s) {
    if (!adaptive || s.probes() < MIN_PROBES) {
      return false;
    }
    long limit = baseline == null ? Long.MAX_VALUE : 2 * baseline.toNanos() + SLACK.toNanos();
    if (s.waitingOnBackfill() >= WAITING_LIMIT || s.latency().toNanos() > limit) {
      clean = 0;
      backoffs++;
      slowStart = false;
      long least = Math.min(MIN_TARGET.toNanos(), maxTargetNanos);
      if (workers == 1 && targetNanos <= least) {
        nice = nice == 0 ? 0.5 : Math.min(MAX_NICE, nice * 2);
      }
      workers = Math.max(1, workers / 2);
      targetNanos = Math.max(least, targetNanos / 2);
      batch = clamp(batch / 2);
      return true;
    }
    int wasWorkers = workers;
    long wasTarget = targetNanos;
    double wasNice = nice;
    if (slowStart) {
      workers = Math.min(maxWorkers, workers * 2);
      targetNanos = Math.min(maxTargetNanos, targetNanos * 2);
    } else if (++clean >= CLEAN_TO_GROW) {
      clean = 0;
      if (nice > 0) {
        nice = nice <= 0.5 ? 0 : nice / 2;
      } else {
        workers = Math.min(maxWorkers, workers + 1);
        targetNanos = Math.min(maxTargetNanos, targetNanos * 3 / 2);
      }
    }
    mostWorkers = Math.max(mostWorkers, workers);
    return workers != wasWorkers || targetNanos != wasTarget || nice != wasNice;
  }

  /** Rows in the next batch. */
  public int batch() {
    return batch;
  }

  /** How long to wait before the next batch. */
  public Duration pause() {
    return pause;
  }

  /** A batch of {@code rows} keys committed in {@code took}. */
  public void succeeded(long rows, Duration took) {
    lockFailures = 0;
    long nanos = Math.max(1, took.toNanos());
    if (rows > 0) {
      double perRow = (double) nanos / rows;
      // Exponential moving average: one slow batch (a checkpoint, a cold page) does not halve the
      // next.
      nanosPerRow = nanosPerRow < 0 ? perRow : 0.5 * nanosPerRow + 0.5 * perRow;
      long ideal = (long) (targetNanos / nanosPerRow);
      batch = clamp((int) Math.max(batch / 2, Math.min((long) batch * 2, ideal)));
    }
    // A batch far over target held its row locks that long: give live queries the same time back.
    pause = nanos > 2 * targetNanos ? basePause.plusNanos(nanos - targetNanos) : basePause;
    // At the slowest pace, the duty cycle: the workload gets nice × the batch's time to itself.
    pause = pause.plusNanos((long) (nice * nanos));
  }

  /** The batch waited longer than its lock_timeout (SQLSTATE 55P03) and was rolled back. */
  public void lockNotGranted() {
    lockFailures++;
    batch = clamp(batch / 2);
    pause = basePause.plus(backoff(lockFailures));
  }

  /**
   * The batch ran into its statement_timeout (SQLSTATE 57014): far too big for the table's current
   * cost.
   */
  public void statementTimedOut() {
    lockFailures++;
    batch = clamp(batch / 4);
    nanosPerRow = -1;
    pause = basePause.plus(backoff(lockFailures));
  }

  /** Consecutive lock failures so far (reset by a successful batch). */
  public int lockFailures() {
    return lockFailures;
  }

  /**
   * The replicas' replay lag before a batch. Above half of {@code max_lag} the batch halves and the
   * pause grows by the lag; the caller waits outright while {@link #mustWaitFor} says so.
   */
  public void replicationLag(Duration lag) {
    if (lag.compareTo(maxLag.dividedBy(2)) > 0) {
      batch = clamp(batch / 2);
      pause = pause.plus(lag);
    }
  }

  /** Whether the lag is above {@code max_lag}: no batch runs until the replicas catch up. */
  public boolean mustWaitFor(Duration lag) {
    return lag.compareTo(maxLag) > 0;
  }

  /** Exponential from 50 ms, capped at 5 s, with ±50 % jitter so retries do not synchronise. */
  static Duration backoff(int failures) {
    long base = 50L << Math.min(failures - 1, 10);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (capped * jitter));
  }

  private int clamp(int n) {
    return Math.max(MIN_BATCH, Math.min(maxBatch, n));
  }
}
