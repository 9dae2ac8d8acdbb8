package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Held locks make batches back off (lock_timeout, smaller batch, pause) instead of queueing: the
 * backfill's backend is never seen waiting for a lock much longer than its lock_timeout.
 */
@Timeout(180)
class LockReactionTest {

  private static final String SPEC =
      """
      -- schemagate:backfill table=items key=id batch=2000 lock_timeout=100ms
      UPDATE items SET touched = touched + 1 WHERE id BETWEEN $1 AND $2;
      """;

  private static Pg17.Db items() {
    Pg17.Db db = Pg17.newDatabase("lock");
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, touched int NOT NULL DEFAULT 0);"
            + "INSERT INTO items SELECT g FROM generate_series(1, 20000) g; ANALYZE items;");
    return db;
  }

  /**
   * Samples pg_locks every 5 ms; the longest run of samples in which the backfill waited for a
   * lock.
   */
  private static final class WaitMonitor implements AutoCloseable {
    final AtomicLong longestWaitMillis = new AtomicLong();
    final AtomicBoolean stop = new AtomicBoolean();
    final Thread thread;

    WaitMonitor(Pg17.Db db) {
      thread =
          new Thread(
              () -> {
                try (Connection c = db.open();
                    Statement s = c.createStatement()) {
                  long since = -1;
                  while (!stop.get()) {
                    try (ResultSet rs =
                        s.executeQuery(
                            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                                + "WHERE NOT l.granted AND a.application_name = '"
                                + BackfillRunner.APPLICATION_NAME
                                + "'")) {
                      rs.next();
                      long now = System.nanoTime();
                      if (rs.getLong(1) > 0) {
                        if (since < 0) {
                          since = now;
                        }
                        longestWaitMillis.accumulateAndGet((now - since) / 1_000_000, Math::max);
                      } else {
                        since = -1;
                      }
                    }
                    Thread.sleep(5);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "wait-monitor");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join();
    }
  }

  /**
   * Takes a lock and holds it until the backfill has been seen waiting for it, then {@code millis}
   * longer (so that the backfill's lock_timeout expires at least once whatever the machine's load).
   */
  private static Thread holdFor(Pg17.Db db, String lockSql, long millis, CountDownLatch held) {
    Thread t =
        new Thread(
            () -> {
              try (Connection c = db.open();
                  Statement s = c.createStatement();
                  Connection watch = db.open();
                  Statement w = watch.createStatement()) {
                c.setAutoCommit(false);
                s.execute(lockSql);
                held.countDown();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline) {
                  try (ResultSet rs =
                      w.executeQuery(
                          "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                              + "WHERE NOT l.granted AND a.application_name = '"
                              + BackfillRunner.APPLICATION_NAME
                              + "'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                      break;
                    }
                  }
                  Thread.sleep(5);
                }
                Thread.sleep(millis);
                c.commit();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "lock-holder");
    t.start();
    return t;
  }

  @Test
  void aTableLockMakesBatchesBackOffInsteadOfQueueing() throws Exception {
    Pg17.Db db = items();
    long history = HistoryCheckpoint.start(db, "shop", 1);
    CountDownLatch held = new CountDownLatch(1);
    // SHARE conflicts with the ROW EXCLUSIVE every batch needs (as CREATE INDEX without
    // CONCURRENTLY does)
    Thread holder = holdFor(db, "LOCK TABLE items IN SHARE MODE", 1500, held);
    held.await();
    BackfillResult r;
    long t0 = System.nanoTime();
    try (WaitMonitor monitor = new WaitMonitor(db)) {
      r =
          BackfillRunner.run(
              db,
              BackfillSpec.parse("backfill.sql", SPEC),
              HistoryCheckpoint.of(db, history),
              ProgressSink.NONE);
      monitor.close();
      assertTrue(
          monitor.longestWaitMillis.get() < 500,
          "longest single lock wait "
              + monitor.longestWaitMillis.get()
              + " ms (lock_timeout 100 ms; the lock was held 1500 ms after the backfill first waited)");
    }
    holder.join();
    assertTrue(
        (System.nanoTime() - t0) / 1_000_000 >= 1500,
        "the backfill could only finish after the lock was released");
    assertTrue(r.lockTimeouts() >= 3, "lock timeouts: " + r.lockTimeouts());
    assertTrue(r.smallestBatch() < 2000, "the batch shrank: smallest " + r.smallestBatch());
    assertEquals(0, db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"));
  }

  @Test
  void withSeveralWorkersATableLockStillMeansShortAttempts() throws Exception {
    Pg17.Db db = items();
    long history = HistoryCheckpoint.start(db, "shop", 1);
    CountDownLatch held = new CountDownLatch(1);
    Thread holder = holdFor(db, "LOCK TABLE items IN SHARE MODE", 1000, held);
    held.await();
    BackfillResult r;
    try (WaitMonitor monitor = new WaitMonitor(db)) {
      r =
          BackfillRunner.run(
              db,
              BackfillSpec.parse(
                  "backfill.sql",
                  SPEC.replace("lock_timeout=100ms", "lock_timeout=100ms workers=2")),
              HistoryCheckpoint.of(db, history),
              ProgressSink.NONE);
      monitor.close();
      assertTrue(
          monitor.longestWaitMillis.get() < 500,
          "longest single lock wait " + monitor.longestWaitMillis.get() + " ms");
    }
    holder.join();
    assertTrue(r.lockTimeouts() >= 1, "lock timeouts: " + r.lockTimeouts());
    assertEquals(0, db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"));
  }

  @Test
  void aLockedRowIsWaitedForInShortAttemptsAndNoBatchAppliesTwice() throws Exception {
    Pg17.Db db = items();
    long history = HistoryCheckpoint.start(db, "shop", 1);
    CountDownLatch held = new CountDownLatch(1);
    Thread holder = holdFor(db, "SELECT * FROM items WHERE id = 5 FOR UPDATE", 800, held);
    held.await();
    BackfillResult r =
        BackfillRunner.run(
            db,
            BackfillSpec.parse("backfill.sql", SPEC),
            HistoryCheckpoint.of(db, history),
            ProgressSink.NONE);
    holder.join();
    assertTrue(r.lockTimeouts() >= 1, "lock timeouts: " + r.lockTimeouts());
    assertEquals(20_000, r.rowsChanged());
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"),
        "rolled-back batches left no trace");
  }

  /** A backfill that gives up on locks it never gets names the transaction holding them. */
  @Test
  void givingUpOnLocksNamesTheTransactionHoldingThem() throws Exception {
    Pg17.Db db = items();
    long history = HistoryCheckpoint.start(db, "shop", 6);
    try (Connection locker = db.open();
        Statement s = locker.createStatement()) {
      s.execute("SET application_name = 'locker'");
      locker.setAutoCommit(false);
      s.executeQuery("SELECT id FROM items WHERE id <= 5 FOR UPDATE")
          .close(); // row locks on the first batch's rows
      int pid;
      try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      BackfillException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              BackfillException.class,
              () ->
                  new BackfillRunner(ReplicationLag.PG_STAT_REPLICATION, 3)
                      .execute(
                          db,
                          BackfillSpec.parse("backfill.sql", SPEC),
                          HistoryCheckpoint.of(db, history),
                          ProgressSink.NONE));
      assertTrue(
          e.getMessage().startsWith("backfill.sql:2: 4 batches in a row (keys 1 .. "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .contains(
                  "; holding locks on items: pid "
                      + pid
                      + " (application 'locker', user postgres,"
                      + " idle in transaction, transaction open "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "query: SELECT pg_backend_pid()). The backfill stopped; committed batches are kept and a rerun"
                      + " resumes after them"),
          e.getMessage());
      locker.rollback();
    }
  }
}
