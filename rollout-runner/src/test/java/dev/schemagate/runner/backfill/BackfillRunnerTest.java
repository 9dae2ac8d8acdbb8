package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The batch loop on a real PostgreSQL 17: every key visited once, in order, resumable. */
@Timeout(180)
class BackfillRunnerTest {

  /**
   * A batch statement without a "not yet migrated" predicate: any batch run twice shows as touched
   * = 2.
   */
  private static final String TOUCH_EVERY_ROW =
      """
      -- schemagate:backfill table=items key=id batch=700
      UPDATE items SET touched = touched + 1, copy = val WHERE id BETWEEN $1 AND $2;
      """;

  private static Pg17.Db itemsWithGaps(int rows) {
    Pg17.Db db = Pg17.newDatabase("runner");
    // ids 3, 6, 9, …: the key is sparse, as after deletes
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, val int NOT NULL, copy int, touched int NOT NULL DEFAULT 0);"
            + "INSERT INTO items (id, val) SELECT 3 * g, g FROM generate_series(1, "
            + rows
            + ") g; ANALYZE items;");
    return db;
  }

  @Test
  void visitsEveryRowExactlyOnceAndRecordsTheCheckpoint() throws Exception {
    Pg17.Db db = itemsWithGaps(20_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec = BackfillSpec.parse("backfill.sql", TOUCH_EVERY_ROW);
    BackfillResult r =
        BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);

    assertEquals(20_000, r.rowsVisited());
    assertEquals(20_000, r.rowsChanged());
    assertEquals("60000", r.lastKey());
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM items WHERE touched <> 1 OR copy IS DISTINCT FROM val"));
    assertEquals(
        "60000",
        db.queryString("SELECT backfill_key FROM schemagate.history WHERE id = " + history));
    assertEquals(
        20_000, db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history));
    assertEquals(
        20_000,
        db.queryLong("SELECT backfill_total FROM schemagate.history WHERE id = " + history));
    assertTrue(r.batches() >= 2, "batches: " + r.batches());
  }

  /** The checkpoint of the 6th batch fails, as if the runner died before that batch committed. */
  @Test
  void resumesAfterTheLastCommittedBatchAndChangesNothingTwice() throws Exception {
    Pg17.Db db = itemsWithGaps(30_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec = BackfillSpec.parse("backfill.sql", TOUCH_EVERY_ROW);
    HistoryCheckpoint real = HistoryCheckpoint.of(db, history);
    Checkpoint crashing =
        new HookedCheckpoint(
            real,
            (batch, tx, key) -> {
              if (batch == 6) {
                throw new SQLException("simulated crash before the batch commits", "58000");
              }
            });
    BackfillException crash =
        assertThrows(
            BackfillException.class,
            () -> BackfillRunner.run(db, spec, crashing, ProgressSink.NONE));
    assertTrue(crash.getMessage().startsWith("backfill.sql:2: batch (keys "), crash.getMessage());
    assertTrue(crash.getMessage().contains("a rerun resumes after them"), crash.getMessage());

    long doneBefore =
        db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history);
    String keyBefore =
        db.queryString("SELECT backfill_key FROM schemagate.history WHERE id = " + history);
    assertTrue(doneBefore > 0 && doneBefore < 30_000, "rows before the crash: " + doneBefore);
    // exactly the committed batches' rows are changed: the failed batch rolled back with its
    // checkpoint
    assertEquals(doneBefore, db.queryLong("SELECT count(*) FROM items WHERE touched = 1"));
    assertEquals(doneBefore, db.queryLong("SELECT count(*) FROM items WHERE id <= " + keyBefore));

    BackfillResult resumed =
        BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);
    assertEquals(30_000 - doneBefore, resumed.rowsChanged());
    assertEquals(0, db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"));
    assertEquals(
        30_000, db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history));
  }

  /** workers=3: batches run at once on three connections and commit in key order. */
  @Test
  void severalWorkersCommitInKeyOrderSoTheCheckpointStaysExact() throws Exception {
    Pg17.Db db = itemsWithGaps(30_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec =
        BackfillSpec.parse(
            "backfill.sql",
            TOUCH_EVERY_ROW.replace("batch=700", "batch=700 max_batch=1500 workers=3"));
    assertEquals(3, spec.workers());
    HistoryCheckpoint real = HistoryCheckpoint.of(db, history);
    java.util.List<String> reached =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Checkpoint crashing =
        new HookedCheckpoint(
            real,
            (batch, tx, key) -> {
              if (batch == 9) {
                throw new SQLException("simulated crash before the batch commits", "58000");
              }
              reached.add(key);
            });
    assertThrows(
        BackfillException.class, () -> BackfillRunner.run(db, spec, crashing, ProgressSink.NONE));
    // checkpoints were written in increasing key order, and what is committed is exactly up to the
    // last one
    for (int i = 1; i < reached.size(); i++) {
      assertTrue(
          Long.parseLong(reached.get(i)) > Long.parseLong(reached.get(i - 1)), reached.toString());
    }
    long doneBefore =
        db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history);
    String keyBefore =
        db.queryString("SELECT backfill_key FROM schemagate.history WHERE id = " + history);
    assertEquals(8 * 700 <= doneBefore, true, "eight batches committed: " + doneBefore);
    assertEquals(doneBefore, db.queryLong("SELECT count(*) FROM items WHERE touched = 1"));
    assertEquals(doneBefore, db.queryLong("SELECT count(*) FROM items WHERE id <= " + keyBefore));

    BackfillResult resumed =
        BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);
    assertEquals(30_000 - doneBefore, resumed.rowsChanged());
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM items WHERE touched <> 1 OR copy IS DISTINCT FROM val"));
    assertEquals(
        "90000",
        db.queryString("SELECT backfill_key FROM schemagate.history WHERE id = " + history));
    assertEquals(
        30_000, db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history));
  }

  /**
   * The server ends the backfill's connection while its 5th batch is open (after the batch and its
   * checkpoint ran, before the commit): the runner connects again, reads the committed checkpoint
   * and goes on; the lost batch runs once more, every other batch once.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "workers={0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
  void aLostConnectionIsReopenedAndTheWalkResumesAfterTheLastCommittedBatch(int workers)
      throws Exception {
    Pg17.Db db = itemsWithGaps(30_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec =
        BackfillSpec.parse(
            "backfill.sql", TOUCH_EVERY_ROW.replace("batch=700", "batch=700 workers=" + workers));
    HistoryCheckpoint real = HistoryCheckpoint.of(db, history);
    Checkpoint dropping =
        new HookedCheckpoint(
            real,
            (batch, tx, key) -> {
              if (batch == 5) {
                long pid;
                try (var st = tx.createStatement();
                    var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                  rs.next();
                  pid = rs.getLong(1);
                }
                db.exec("SELECT pg_terminate_backend(" + pid + ")");
              }
            });
    Notices sink = new Notices();
    BackfillResult r = BackfillRunner.run(db, spec, dropping, sink);

    // The summary counts every batch of the backfill, before the reconnect too (the lost batch
    // once: its commit never came).
    assertEquals(30_000, r.rowsChanged());
    assertEquals(30_000, r.rowsVisited());
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM items WHERE touched <> 1 OR copy IS DISTINCT FROM val"));
    assertEquals(
        30_000, db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history));
    assertEquals(
        "90000",
        db.queryString("SELECT backfill_key FROM schemagate.history WHERE id = " + history));
    assertTrue(
        sink.notices.stream()
            .anyMatch(
                n -> n.startsWith("backfill of items: connection lost (") && n.contains("57P01")),
        sink.notices.toString());
    assertTrue(
        sink.notices.stream()
            .anyMatch(n -> n.startsWith("backfill of items: connected again; resuming after key ")),
        sink.notices.toString());
  }

  /**
   * A batch whose locks stay held past twice its target (here: its checkpoint is slow) is reported
   * with where the time went.
   */
  @Test
  void aBatchThatHeldItsRowsLongIsReported() throws Exception {
    Pg17.Db db = itemsWithGaps(3_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec =
        BackfillSpec.parse(
            "backfill.sql",
            TOUCH_EVERY_ROW.replace("batch=700", "batch=700 target=200ms workers=1"));
    Checkpoint slow =
        new HookedCheckpoint(
            HistoryCheckpoint.of(db, history),
            (batch, tx, key) -> {
              if (batch == 2) {
                try {
                  Thread.sleep(1_100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    Notices sink = new Notices();
    BackfillRunner.run(db, spec, slow, sink);
    assertEquals(1, sink.notices.size(), sink.notices.toString());
    assertTrue(
        sink.notices
            .get(0)
            .matches(
                "backfill of items: batch \\(keys \\d+ \\.\\. \\d+\\) held its rows' locks 1\\d{3} ms"
                    + " \\(statement \\d+ ms, checkpoint 1\\d{3} ms, commit \\d+ ms\\): writes to those rows waited as long"),
        sink.notices.get(0));
    assertEquals(0, db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"));
  }

  /** Collects the notices (lost connection, reconnect) a backfill gives. */
  private static final class Notices implements ProgressSink {
    final java.util.List<String> notices =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public void progress(BackfillProgress p) {}

    @Override
    public void notice(String message) {
      notices.add(message);
    }
  }

  private static final Checkpoint NEVER_USED =
      new Checkpoint() {
        @Override
        public Optional<String> lastKey() {
          return Optional.empty();
        }

        @Override
        public long rowsDone() {
          return 0;
        }

        @Override
        public void advance(Connection tx, String key, long rows) {
          throw new AssertionError("no batch can run without a connection");
        }

        @Override
        public void estimate(long totalRows) {
          throw new AssertionError("no estimate without a connection");
        }
      };

  @Test
  void aConnectionThatStaysLostEndsTheBackfillWithTheReason() {
    BackfillSpec spec = BackfillSpec.parse("backfill.sql", TOUCH_EVERY_ROW);
    dev.schemagate.runner.db.Database nowhere =
        new dev.schemagate.runner.db.Database() {
          @Override
          public Connection open() throws SQLException {
            throw new SQLException("Connection to 127.0.0.1:1 refused", "08001");
          }

          @Override
          public String describe() {
            return "127.0.0.1:1/app";
          }
        };
    Notices sink = new Notices();
    BackfillException e =
        assertThrows(
            BackfillException.class,
            () ->
                new BackfillRunner(
                        ReplicationLag.PG_STAT_REPLICATION, 200, java.time.Duration.ofMillis(5))
                    .execute(nowhere, spec, NEVER_USED, sink));
    assertEquals(
        "backfill.sql:2: backfill of items on 127.0.0.1:1/app failed: Connection to 127.0.0.1:1 refused (SQLSTATE 08001)"
            + " after "
            + BackfillRunner.RECONNECTS
            + " reconnects; committed batches are kept, a rerun resumes after them",
        e.getMessage());
    assertEquals(BackfillRunner.RECONNECTS, sink.notices.size(), sink.notices.toString());
  }

  @Test
  void aRerunOfAFinishedBackfillChangesNothing() throws Exception {
    Pg17.Db db = itemsWithGaps(5_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec = BackfillSpec.parse("backfill.sql", TOUCH_EVERY_ROW);
    BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);
    BackfillResult again =
        BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);
    assertEquals(0, again.batches());
    assertEquals(0, db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"));
  }

  @Test
  void textUuidAndCompositeKeysWalkInIndexOrder() throws Exception {
    Pg17.Db db = Pg17.newDatabase("runner");
    db.exec(
        """
        CREATE TABLE by_text (code text PRIMARY KEY, done boolean NOT NULL DEFAULT false, n int NOT NULL DEFAULT 0);
        INSERT INTO by_text (code) SELECT md5(g::text) || ' ''quoted'' ' FROM generate_series(1, 3000) g;
        CREATE TABLE by_uuid (id uuid PRIMARY KEY, done boolean NOT NULL DEFAULT false, n int NOT NULL DEFAULT 0);
        INSERT INTO by_uuid (id) SELECT gen_random_uuid() FROM generate_series(1, 3000);
        CREATE TABLE by_pair (tenant int NOT NULL, code text NOT NULL, done boolean NOT NULL DEFAULT false,
                              n int NOT NULL DEFAULT 0, PRIMARY KEY (tenant, code));
        INSERT INTO by_pair (tenant, code) SELECT g % 7, 'c"' || g FROM generate_series(1, 3000) g;
        ANALYZE;
        """);
    String[][] cases = {
      {"by_text", "code", "code"},
      {"by_uuid", "id", "id"},
      {"by_pair", "\"tenant, code\"", "(tenant, code)"},
    };
    for (String[] c : cases) {
      long history = HistoryCheckpoint.start(db, c[0].replace('_', '-'), 1);
      BackfillSpec spec =
          BackfillSpec.parse(
              c[0] + "/backfill.sql",
              "-- schemagate:backfill table="
                  + c[0]
                  + " key="
                  + c[1]
                  + " batch=128\nUPDATE "
                  + c[0]
                  + " SET done = true, n = n + 1 WHERE "
                  + c[2]
                  + " BETWEEN $1 AND $2;\n");
      BackfillResult r =
          BackfillRunner.run(db, spec, HistoryCheckpoint.of(db, history), ProgressSink.NONE);
      assertEquals(3000, r.rowsChanged(), c[0]);
      assertEquals(
          0, db.queryLong("SELECT count(*) FROM " + c[0] + " WHERE NOT done OR n <> 1"), c[0]);
      String lastKeyText =
          c[0].equals("by_pair")
              ? "SELECT json_build_array(tenant::text, code::text)::text FROM by_pair ORDER BY tenant DESC, code DESC LIMIT 1"
              : "SELECT " + c[1] + "::text FROM " + c[0] + " ORDER BY " + c[1] + " DESC LIMIT 1";
      assertEquals(db.queryString(lastKeyText), r.lastKey(), c[0]);
    }
  }

  /**
   * Rows inserted while the backfill runs, above the table's last key when it began, are the sync
   * trigger's or the application's (written after the expand): by default the walk stops at that
   * key and leaves them alone; {@code until=end} follows the table's end and visits them too.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "until={0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"start", "end"})
  void theWalkStopsAtTheLastKeyWhenTheBackfillBeganUnlessUntilEnd(String until) throws Exception {
    Pg17.Db db = itemsWithGaps(10_000);
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillSpec spec =
        BackfillSpec.parse(
            "backfill.sql", TOUCH_EVERY_ROW.replace("batch=700", "batch=700 until=" + until));
    Checkpoint inserting =
        new HookedCheckpoint(
            HistoryCheckpoint.of(db, history),
            (batch, tx, key) -> {
              if (batch == 2) {
                db.exec(
                    "INSERT INTO items (id, val, copy) SELECT 30000 + g, g, g FROM generate_series(1, 5000) g");
              }
            });
    BackfillResult r = BackfillRunner.run(db, spec, inserting, ProgressSink.NONE);

    assertEquals(
        0,
        db.queryLong(
            "SELECT count(*) FROM items WHERE id <= 30000 AND (touched <> 1 OR copy IS DISTINCT FROM val)"));
    if (until.equals("start")) {
      assertEquals("30000", r.walkBound());
      assertEquals(10_000, r.rowsVisited());
      assertEquals(
          5_000,
          db.queryLong("SELECT count(*) FROM items WHERE id > 30000 AND touched = 0"),
          "new rows left alone");
    } else {
      assertEquals(null, r.walkBound());
      assertEquals(15_000, r.rowsVisited());
      assertEquals(
          5_000,
          db.queryLong("SELECT count(*) FROM items WHERE id > 30000 AND touched = 1"),
          "new rows walked too");
    }
  }

  @Test
  void anEmptyTableIsDoneAtOnce() throws Exception {
    Pg17.Db db = Pg17.newDatabase("runner");
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, val int NOT NULL, copy int, touched int NOT NULL DEFAULT 0)");
    long history = HistoryCheckpoint.start(db, "shop", 6);
    BackfillResult r =
        BackfillRunner.run(
            db,
            BackfillSpec.parse("backfill.sql", TOUCH_EVERY_ROW),
            HistoryCheckpoint.of(db, history),
            ProgressSink.NONE);
    assertEquals(0, r.batches());
    assertEquals(null, r.lastKey());
  }

  @Test
  void clearMessagesForWhatCannotRun() {
    Pg17.Db db = Pg17.newDatabase("runner");
    db.exec(
        "CREATE TABLE loose (id bigint NOT NULL, val int); CREATE TABLE nullable (id bigint UNIQUE, val int)");
    long history = HistoryCheckpoint.start(db, "shop", 6);
    String[][] cases = {
      {
        "-- schemagate:backfill table=missing key=id\nUPDATE missing SET val = 1 WHERE id BETWEEN $1 AND $2;",
        "backfill.sql:2: table missing does not exist"
      },
      {
        "-- schemagate:backfill table=loose key=nope\nUPDATE loose SET val = 1 WHERE id BETWEEN $1 AND $2;",
        "backfill.sql:2: key column nope does not exist in loose"
      },
      {
        "-- schemagate:backfill table=loose key=id\nUPDATE loose SET val = 1 WHERE id BETWEEN $1 AND $2;",
        "backfill.sql:2: no valid btree index of loose starts with (id)"
      },
      {
        "-- schemagate:backfill table=nullable key=id\nUPDATE nullable SET val = 1 WHERE id BETWEEN $1 AND $2;",
        "backfill.sql:2: key column id of nullable is nullable"
      },
    };
    for (String[] c : cases) {
      BackfillException e =
          assertThrows(
              BackfillException.class,
              () ->
                  BackfillRunner.run(
                      db,
                      BackfillSpec.parse("backfill.sql", c[0]),
                      HistoryCheckpoint.of(db, history),
                      ProgressSink.NONE));
      assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
    }
    BackfillException noDirective =
        assertThrows(
            BackfillException.class,
            () ->
                BackfillSpec.parse(
                    "migrations/orders/0006_x/backfill.sql",
                    "UPDATE orders SET a = b WHERE a IS NULL;"));
    assertTrue(
        noDirective
            .getMessage()
            .startsWith(
                "migrations/orders/0006_x/backfill.sql: no -- schemagate:backfill directive"),
        noDirective.getMessage());
  }
}
