package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.testing.Pg17;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load probe on a real PostgreSQL 17, and the adaptive throttle's decision on what it measured:
 * a write queued behind a backfill connection's row lock makes it back off; once the lock is gone
 * the same throttle speeds up again.
 */
@Timeout(120)
class LoadProbeTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void aWriteQueuedBehindTheBackfillsRowLockMakesTheThrottleBackOffAndItsEndLetsItGrow()
      throws Exception {
    Pg17.Db db = Pg17.newDatabase("probe");
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, touched int NOT NULL DEFAULT 0);"
            + "INSERT INTO items SELECT g FROM generate_series(1, 1000) g; ANALYZE items;");
    Throttle throttle =
        new Throttle(
            1000, 100_000, Duration.ofMillis(400), Duration.ZERO, Duration.ofSeconds(1), 4, true);
    try (Connection batch = db.open();
        Connection writer = db.open();
        LoadProbe probe =
            new LoadProbe(
                db, "SELECT * FROM items ORDER BY id LIMIT 1", List.of(LoadProbe.pid(batch)))) {
      Duration baseline = probe.baseline();
      assertTrue(
          baseline.toNanos() > 0 && baseline.toMillis() < 1000,
          "a point read and a commit: " + baseline);
      throttle.baseline(baseline);
      probe.start();
      LoadSample quiet = fullWindow(probe);
      assertEquals(0.0, quiet.waitingOnBackfill(), "nobody waits yet");

      batch.setAutoCommit(false);
      try (Statement s = batch.createStatement()) {
        s.executeUpdate(
            "UPDATE items SET touched = touched + 1 WHERE id BETWEEN 1 AND 100"); // a batch's row
        // locks
      }
      CompletableFuture<Integer> queued =
          CompletableFuture.supplyAsync(
              () -> {
                try (Statement s = writer.createStatement()) {
                  return s.executeUpdate("UPDATE items SET touched = touched + 1 WHERE id = 42");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      await(
          () ->
              db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                  == 1,
          "the write waits");
      probe.restart();
      LoadSample blocked = fullWindow(probe);
      assertTrue(
          blocked.waitingOnBackfill() >= 0.9,
          "one session waited through (nearly) every tick: " + blocked);
      assertTrue(throttle.load(blocked));
      assertEquals(1, throttle.backoffs());
      assertEquals(1, throttle.workers());

      batch.commit();
      assertEquals(1, queued.get());
      probe.restart();
      LoadSample freed = fullWindow(probe);
      assertEquals(0.0, freed.waitingOnBackfill(), "the write went through: " + freed);
      throttle.load(freed);
      throttle.load(freed);
      assertEquals(2, throttle.workers(), "two clean samples after a back-off: one more worker");
      assertEquals(1, throttle.backoffs());
    }
  }

  /** Waits until the probe has measured a full window since its last restart. */
  private static LoadSample fullWindow(LoadProbe probe) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      LoadSample s = probe.sample();
      if (s.probes() >= LoadProbe.WINDOW) {
        return s;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "the probe measured only " + s.probes() + " times in " + DEADLINE.toSeconds() + " s");
      }
      Thread.sleep(LoadProbe.TICK.toMillis());
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
