package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttle's decisions, from measured batch durations, lock failures and lag. */
class ThrottleTest {

  private static Throttle throttle() {
    return new Throttle(1000, 100_000, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(1));
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
    Throttle t = new Throttle(1000, 100_000, Duration.ofMillis(400), Duration.ZERO, Duration.ofSeconds(1), 4, true);
    t.baseline(BASE);
    return t;
  }

  @Test
  void adaptiveStartsSmallAndGrowsToTheConfiguredWorkersAndTargetWhileTheWorkloadDoesNotFeelIt() {
    Throttle t = adaptive();
    assertEquals(1, t.workers());
    assertEquals(Duration.ofMillis(100), t.target());
    t.load(new LoadSample(0, BASE));
    assertEquals(2, t.workers(), "slow start: doubles at each clean sample");
    assertEquals(Duration.ofMillis(200), t.target());
    t.load(new LoadSample(0, BASE));
    assertEquals(4, t.workers());
    assertEquals(Duration.ofMillis(400), t.target());
    t.load(new LoadSample(0, BASE));
    assertEquals(4, t.workers(), "never above the configured workers");
    assertEquals(Duration.ofMillis(400), t.target(), "nor the configured target");
    assertEquals(0, t.backoffs());
    assertEquals(4, t.mostWorkers());
  }

  @Test
  void afterABackOffItGrowsOneWorkerPerTwoCleanSamples() {
    Throttle t = adaptive();
    t.load(new LoadSample(0, BASE));
    t.load(new LoadSample(0, BASE));
    t.load(new LoadSample(2, BASE));
    assertEquals(2, t.workers());
    assertEquals(Duration.ofMillis(200), t.target());
    t.load(new LoadSample(0, BASE));
    assertEquals(2, t.workers());
    t.load(new LoadSample(0, BASE));
    assertEquals(3, t.workers());
    assertEquals(Duration.ofMillis(300), t.target());
  }

  @Test
  void adaptiveBacksOffWhenASessionWaitsOnTheBackfillsLocks() {
    Throttle t = adaptive();
    for (int i = 0; i < 20; i++) {
      t.load(new LoadSample(0, BASE));
    }
    int batch = t.batch();
    t.load(new LoadSample(1, BASE));
    assertEquals(2, t.workers());
    assertEquals(Duration.ofMillis(200), t.target());
    assertEquals(Math.max(10, batch / 2), t.batch());
    t.load(new LoadSample(3, BASE));
    t.load(new LoadSample(3, BASE));
    t.load(new LoadSample(3, BASE));
    assertEquals(1, t.workers());
    assertEquals(Duration.ofMillis(25), t.target(), "never below the least target");
    assertEquals(4, t.backoffs());
  }

  @Test
  void adaptiveBacksOffWhenTheRoundTripRisesAboveTwiceTheBaselineAndIgnoresOneSlowSample() {
    Throttle t = adaptive();
    for (int i = 0; i < 20; i++) {
      t.load(new LoadSample(0, BASE));
    }
    t.load(new LoadSample(0, Duration.ofMillis(50))); // one slow sample: the median of three is still the baseline
    assertEquals(0, t.backoffs());
    t.load(new LoadSample(0, Duration.ofMillis(3))); // 2 of 3 above 2 × 1 ms + 0.5 ms
    assertEquals(1, t.backoffs());
    assertEquals(2, t.workers());
  }

  @Test
  void notAdaptiveKeepsItsWorkersAndTargetWhateverTheLoad() {
    Throttle t = new Throttle(1000, 100_000, Duration.ofMillis(150), Duration.ZERO, Duration.ofSeconds(1), 3, false);
    t.baseline(BASE);
    t.load(new LoadSample(5, Duration.ofSeconds(1)));
    assertEquals(3, t.workers());
    assertEquals(Duration.ofMillis(150), t.target());
    assertEquals(0, t.backoffs());
  }
}
