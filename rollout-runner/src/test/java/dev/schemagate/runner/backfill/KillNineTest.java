package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import dev.schemagate.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a backfill process: a child JVM runs the backfill and is destroyed forcibly in the
 * middle; a rerun resumes from the checkpoint, and every row ends up changed exactly once.
 */
@Timeout(180)
class KillNineTest {

  static final String SPEC =
      """
      -- schemagate:backfill table=items key=id batch=200 max_batch=200 pause=5ms
      UPDATE items SET touched = touched + 1 WHERE id BETWEEN $1 AND $2;
      """;

  /** The child: runs the backfill of history row args[2] in database args[1] on port args[0]. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Pg17.Db db = new Pg17.Db(Integer.parseInt(args[0]), args[1]);
      long history = Long.parseLong(args[2]);
      BackfillRunner.run(
          db,
          BackfillSpec.parse("backfill.sql", SPEC),
          HistoryCheckpoint.of(db, history),
          ProgressSink.NONE);
    }
  }

  @Test
  void aKilledBackfillResumesFromItsCheckpoint() throws Exception {
    Pg17.Db db = Pg17.newDatabase("kill");
    int rows = 100_000;
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, touched int NOT NULL DEFAULT 0);"
            + "INSERT INTO items SELECT g FROM generate_series(1, "
            + rows
            + ") g; ANALYZE items;");
    long history = HistoryCheckpoint.start(db, "shop", 1);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Child.class.getName(),
                    String.valueOf(db.port()),
                    db.name(),
                    String.valueOf(history)))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Await.until(
        "the child backfill to record 5,000 rows",
        Duration.ofSeconds(90),
        () -> {
          assertTrue(
              child.isAlive(),
              "the child backfill ended early (exit "
                  + (child.isAlive() ? "" : child.exitValue())
                  + ")");
          return db.queryLong(
                  "SELECT coalesce(backfill_rows, 0) FROM schemagate.history WHERE id = " + history)
              >= 5_000;
        });
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback sent
    child.waitFor();

    long committed =
        db.queryLong("SELECT backfill_rows FROM schemagate.history WHERE id = " + history);
    String key =
        db.queryString("SELECT backfill_key FROM schemagate.history WHERE id = " + history);
    assertTrue(committed < rows, "killed in the middle: " + committed);
    // the server rolled back the batch in flight: changed rows are exactly the checkpointed ones
    assertEquals(committed, db.queryLong("SELECT count(*) FROM items WHERE touched = 1"));
    assertEquals(committed, db.queryLong("SELECT count(*) FROM items WHERE id <= " + key));

    BackfillResult rerun =
        BackfillRunner.run(
            db,
            BackfillSpec.parse("backfill.sql", SPEC),
            HistoryCheckpoint.of(db, history),
            ProgressSink.NONE);
    assertEquals(rows - committed, rerun.rowsChanged());
    assertEquals(
        0,
        db.queryLong("SELECT count(*) FROM items WHERE touched <> 1"),
        "every row changed exactly once");
  }
}
