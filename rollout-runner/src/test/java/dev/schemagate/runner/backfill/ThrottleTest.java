package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttle's decisions, from measured batch durations, lock failures and lag. */
class ThrottleTest {

  private static Throttle throttle() {
    return new Throttle(
        1000, 100_000, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(1));
  }

  @Test
  void sizesBatchesByTimeAtMostDoublingOrHalving() {
    Throttle t = throttle();
    t.succeeded(1000, Duration.ofMillis(10)); // 10 µs/row: 10,000 rows would fit, but at most ×2
    assertEquals(2000, t.batch());
    t.succeeded(2000, Duration.ofMillis(20));
    assertEquals(4000, t.batch());
    for (int i = 0; i < 10; i++) {
      t.succeeded(t.batch(), Duration.ofNanos(t.batch() * 10_000L));
    }
    assertEquals(10_000, t.batch(), "converges on target / cost per row");
    assertEquals(Duration.ZERO, t.pause());
  }

  @Test
  void aSlowBatchShrinksTheNextAndGivesItsOvertimeBack() {
    Throttle t = throttle();
    t.succeeded(1000, Duration.ofMillis(400));
    assertEquals(500, t.batch());
    assertEquals(Duration.ofMillis(300), t.pause());
  }

  @Test
  void lockFailuresHalveAndBackOffExponentially() {
    Throttle t = throttle();
    t.lockNotGranted();
    assertEquals(500, t.batch());
    long first = t.pause().toMillis();
    assertTrue(first >= 25 && first <= 75, "first backoff ~50 ms ±50 %: " + first);
    for (int i = 0; i < 5; i++) {
      t.lockNotGranted();
    }
    assertEquals(15, t.batch(), "1000 halved six times");
    for (int i = 0; i < 5; i++) {
      t.lockNotGranted();
    }
    assertEquals(Throttle.MIN_BATCH, t.batch(), "never below the smallest batch");
    long eleventh = t.pause().toMillis();
    assertTrue(eleventh >= 2500 && eleventh <= 7500, "backoff capped at 5 s ±50 %: " + eleventh);
    t.succeeded(t.batch(), Duration.ofMillis(1));
    assertEquals(0, t.lockFailures());
    assertEquals(Duration.ZERO, t.pause());
  }

  @Test
  void replicationLagShrinksAndPausesThenStops() {
    Throttle t = throttle();
    t.replicationLag(Duration.ofMillis(200));
    assertEquals(1000, t.batch(), "below half of max_lag: no reaction");
    t.replicationLag(Duration.ofMillis(700));
    assertEquals(500, t.batch());
    assertEquals(Duration.ofMillis(700), t.pause());
    assertFalse(t.mustWaitFor(Duration.ofMillis(900)));
    assertTrue(t.mustWaitFor(Duration.ofMillis(1500)));
  }

  private static final Duration BASE = Duration.ofMillis(1);

  private static Throttle adaptive() {
    Throttle t =
        new Throttle(
            1000, 100_000, Duration.ofMillis(400), Duration.ZERO, Duration.ofSeconds(1), 4, true);
    t.baseline(BASE);
    return t;
  }

  @Test
  void adaptiveStartsSmallAndGrowsToTheConfiguredWorkersAndTargetWhileTheWorkloadDoesNotFeelIt() {
    Throttle t = adaptive();
    assertEquals(1, t.workers());
    assertEquals(Duration.ofMillis(100), t.target());
    t.load(sample(0, BASE));
    assertEquals(2, t.workers(), "slow start: doubles at each clean sample");
    assertEquals(Duration.ofMillis(200), t.target());
    t.load(sample(0, BASE));
    assertEquals(4, t.workers());
    assertEquals(Duration.ofMillis(400), t.target());
    t.load(sample(0, BASE));
    assertEquals(4, t.workers(), "never above the configured workers");
    assertEquals(Duration.ofMillis(400), t.target(), "nor the configured target");
    assertEquals(0, t.backoffs());
    assertEquals(4, t.mostWorkers());
  }

  @Test
  void afterABackOffItGrowsOneWorkerPerTwoCleanSamples() {
    Throttle t = adaptive();
    t.load(sample(0, BASE));
    t.load(sample(0, BASE));
    t.load(sample(2, BASE));
    assertEquals(2, t.workers());
    assertEquals(Duration.ofMillis(200), t.target());
    t.load(sample(0, BASE));
    assertEquals(2, t.workers());
    t.load(sample(0, BASE));
    assertEquals(3, t.workers());
    assertEquals(Duration.ofMillis(300), t.target());
  }

  @Test
  void adaptiveBacksOffWhenASessionWaitsOnTheBackfillsLocks() {
    Throttle t = adaptive();
    for (int i = 0; i < 20; i++) {
      t.load(sample(0, BASE));
    }
    int batch = t.batch();
    t.load(sample(1, BASE));
    assertEquals(2, t.workers());
    assertEquals(Duration.ofMillis(200), t.target());
    assertEquals(Math.max(10, batch / 2), t.batch());
    t.load(sample(3, BASE));
    t.load(sample(3, BASE));
    t.load(sample(3, BASE));
    assertEquals(1, t.workers());
    assertEquals(Duration.ofMillis(25), t.target(), "never below the least target");
    assertEquals(4, t.backoffs());
  }

  /** A sample over a full window of probes. */
  private static LoadSample sample(double waiting, Duration latency) {
    return new LoadSample(waiting, latency, LoadProbe.WINDOW);
  }

  @Test
  void adaptiveBacksOffWhenTheProbesLatencyRisesAboveTwiceTheBaselinePlusSlack() {
    Throttle t = adaptive();
    for (int i = 0; i < 20; i++) {
      t.load(sample(0, BASE));
    }
    assertFalse(
        t.load(sample(0, Duration.ofNanos(2_200_000))), "2.2 ms is within 2 × 1 ms + 0.2 ms");
    assertEquals(0, t.backoffs());
    assertTrue(t.load(sample(0, Duration.ofNanos(2_300_000))), "2.3 ms is not");
    assertEquals(1, t.backoffs());
    assertEquals(2, t.workers());
  }

  @Test
  void aSampleOfTooFewProbesIsNoVerdict() {
    Throttle t = adaptive();
    assertFalse(t.load(new LoadSample(3, Duration.ofSeconds(1), Throttle.MIN_PROBES - 1)));
    assertEquals(0, t.backoffs());
    assertEquals(1, t.workers(), "nor a clean sample: no slow-start step either");
    assertTrue(t.load(new LoadSample(0, BASE, Throttle.MIN_PROBES)));
    assertEquals(2, t.workers());
  }

  @Test
  void occasionalLockWaitsBelowTheLimitDoNotBackOff() {
    Throttle t = adaptive();
    t.load(sample(0.2, BASE));
    assertEquals(0, t.backoffs(), "one session waiting a fifth of the time");
    t.load(sample(Throttle.WAITING_LIMIT, BASE));
    assertEquals(1, t.backoffs());
  }

  @Test
  void atOneWorkerAndTheLeastTargetItPausesAfterEachBatchInProportionAndRecoversStepByStep() {
    Throttle t = adaptive();
    Duration slow = Duration.ofMillis(10);
    for (int i = 0; i < 5; i++) {
      t.load(sample(0, slow)); // 100 → 50 → 25 ms, workers 1: the floor
    }
    assertEquals(1, t.workers());
    assertEquals(Throttle.MIN_TARGET, t.target());
    assertEquals(2.0, t.nice(), "three back-offs at the floor: ½, then 1, then 2 batch durations");
    t.succeeded(100, Duration.ofMillis(20));
    assertEquals(Duration.ofMillis(40), t.pause(), "the workload gets twice the batch's 20 ms");
    for (int i = 0; i < 10; i++) {
      t.load(sample(0, slow));
    }
    assertEquals(Throttle.MAX_NICE, t.nice(), "capped: the backfill keeps a third of the time");
    // Load gone: every two clean samples halve the pause, and only then do workers grow again.
    t.load(sample(0, BASE));
    t.load(sample(0, BASE));
    assertEquals(1.0, t.nice());
    assertEquals(1, t.workers());
    for (int i = 0; i < 4; i++) {
      t.load(sample(0, BASE));
    }
    assertEquals(0.0, t.nice());
    assertEquals(1, t.workers());
    t.load(sample(0, BASE));
    t.load(sample(0, BASE));
    assertEquals(2, t.workers(), "speeds up again when the load goes");
    t.succeeded(100, Duration.ofMillis(20));
    assertEquals(Duration.ZERO, t.pause());
  }

  @Test
  void notAdaptiveKeepsItsWorkersAndTargetWhateverTheLoad() {
    Throttle t =
        new Throttle(
            1000, 100_000, Duration.ofMillis(150), Duration.ZERO, Duration.ofSeconds(1), 3, false);
    t.baseline(BASE);
    t.load(sample(5, Duration.ofSeconds(1)));
    assertEquals(3, t.workers());
    assertEquals(Duration.ofMillis(150), t.target());
    assertEquals(0, t.backoffs());
  }
}
