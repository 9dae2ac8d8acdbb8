package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sync-trigger pattern (docs/runner-backfill.md) with examples/shop's real files: orders@6
 * widens total_cents (integer) into amount_cents (bigint). While its backfill runs, old code
 * (writes total_cents) and new code (writes amount_cents) insert and update orders. Afterwards no
 * row may be left without amount_cents or with an amount_cents other than total_cents — and the
 * same run without the expand's trigger shows the test can tell.
 */
@Timeout(180)
class ConcurrentWritersTest {

  private static final Path SHOP = Path.of("../examples/shop/migrations/orders");
  private static final int ROWS = 150_000;

  private static String read(String relative) throws Exception {
    return Files.readString(SHOP.resolve(relative));
  }

  private static Pg17.Db shopAtVersion5() throws Exception {
    Pg17.Db db = Pg17.newDatabase("writers");
    db.exec(read("0001_create_orders/expand.sql"));
    db.exec(
        "INSERT INTO orders (customer_id, total_cents) SELECT g % 1000, g % 100000 FROM generate_series(1, "
            + ROWS
            + ") g;"
            + "ANALYZE orders;");
    return db;
  }

  /** Old and new application code writing orders until stopped. */
  private static final class Writers implements AutoCloseable {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong writesDuringBackfill = new AtomicLong();
    final AtomicBoolean backfillRunning = new AtomicBoolean();

    /** New code (writing amount_cents) is deployed once the expand is applied. */
    final AtomicBoolean newCodeLive = new AtomicBoolean();

    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final List<Thread> threads = new ArrayList<>();

    Writers(Pg17.Db db, int clients) {
      for (int i = 0; i < clients; i++) {
        int client = i;
        Thread t = new Thread(() -> run(db, client), "writer-" + i);
        threads.add(t);
        t.start();
      }
    }

    private void run(Pg17.Db db, int client) {
      try (Connection c = db.open();
          PreparedStatement oldInsert =
              c.prepareStatement("INSERT INTO orders (customer_id, total_cents) VALUES (?, ?)");
          PreparedStatement newInsert =
              c.prepareStatement("INSERT INTO orders (customer_id, amount_cents) VALUES (?, ?)");
          PreparedStatement oldUpdate =
              c.prepareStatement("UPDATE orders SET total_cents = ? WHERE id = ?");
          PreparedStatement newUpdate =
              c.prepareStatement("UPDATE orders SET amount_cents = ? WHERE id = ?")) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
          int value = r.nextInt(1, 1_000_000);
          long id = r.nextLong(1, ROWS + 1);
          int op =
              newCodeLive.get()
                  ? r.nextInt(4)
                  : r.nextInt(2) * 2; // old code: inserts and updates of total_cents
          PreparedStatement ps =
              switch (op) {
                case 0 -> {
                  oldInsert.setInt(1, client);
                  oldInsert.setInt(2, value);
                  yield oldInsert;
                }
                case 1 -> {
                  newInsert.setInt(1, client);
                  newInsert.setLong(2, value);
                  yield newInsert;
                }
                case 2 -> {
                  oldUpdate.setInt(1, value);
                  oldUpdate.setLong(2, id);
                  yield oldUpdate;
                }
                default -> {
                  newUpdate.setLong(1, value);
                  newUpdate.setLong(2, id);
                  yield newUpdate;
                }
              };
          ps.executeUpdate();
          writes.incrementAndGet();
          if (backfillRunning.get()) {
            writesDuringBackfill.incrementAndGet();
          }
        }
      } catch (SQLException e) {
        failure.compareAndSet(null, e);
      }
    }

    @Override
    public void close() throws Exception {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  private static BackfillResult backfillUnderWrites(Pg17.Db db, Writers writers) throws Exception {
    Thread.sleep(300); // writes before the backfill starts too
    long history = HistoryCheckpoint.start(db, "orders", 6);
    BackfillSpec spec =
        BackfillSpec.parse(
            "0006_widen_order_amount/backfill.sql", read("0006_widen_order_amount/backfill.sql"));
    writers.backfillRunning.set(true);
    BackfillResult r =
        BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);
    writers.backfillRunning.set(false);
    Thread.sleep(300); // and after it ends
    return r;
  }

  @Test
  void withTheSyncTriggerNoRowIsLostOrLeftStale() throws Exception {
    Pg17.Db db = shopAtVersion5();
    BackfillResult r;
    Writers writers = new Writers(db, 4);
    try (writers) {
      Thread.sleep(200);
      db.exec(read("0006_widen_order_amount/expand.sql")); // expand while old code writes
      writers.newCodeLive.set(true);
      r = backfillUnderWrites(db, writers);
    }
    assertEquals(null, writers.failure.get(), "no write failed");
    assertTrue(
        writers.writesDuringBackfill.get() > 100,
        "writes during the backfill: " + writers.writesDuringBackfill.get());
    long total = db.queryLong("SELECT count(*) FROM orders");
    assertTrue(total > ROWS, "rows inserted meanwhile: " + (total - ROWS));
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM orders WHERE amount_cents IS NULL"),
        "rows left without amount_cents");
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM orders WHERE amount_cents IS DISTINCT FROM total_cents"),
        "stale rows");
    assertTrue(r.rowsVisited() >= ROWS);
    // and the contract phase's validation passes on what the backfill left
    db.exec(
        "SET lock_timeout = '5s'; ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_not_null");
  }

  @Test
  void withoutTheTriggerTheSameRunLeavesStaleRows() throws Exception {
    Pg17.Db db = shopAtVersion5();
    db.exec(read("0006_widen_order_amount/expand.sql"));
    db.exec(
        "DROP TRIGGER orders_sync_amount_cents ON orders;"
            + "ALTER TABLE orders DROP CONSTRAINT orders_amount_cents_not_null;"
            + "ALTER TABLE orders ALTER total_cents DROP NOT NULL");
    Writers writers = new Writers(db, 4);
    writers.newCodeLive.set(true);
    try (writers) {
      backfillUnderWrites(db, writers);
    }
    assertEquals(null, writers.failure.get());
    long broken =
        db.queryLong("SELECT count(*) FROM orders WHERE amount_cents IS DISTINCT FROM total_cents");
    assertTrue(
        broken > 0, "without the sync trigger, writes during the backfill leave rows inconsistent");
  }
}
