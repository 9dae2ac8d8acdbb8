package dev.schemagate.runner.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.testing.Pg17;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The workload tool as an operator runs it, against a real PostgreSQL 17. */
@Timeout(120)
class WorkloadMainTest {

  @TempDir Path dir;

  private static String captured(ThrowingRun run) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingRun {
    void run() throws Exception;
  }

  @Test
  void reportsEachWindowAroundAMigrationFile() throws Exception {
    Pg17.Db db = Pg17.newDatabase("workload");
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO items (id) SELECT generate_series(1, 1000)");
    Path sql = dir.resolve("migration.sql");
    Files.writeString(sql, "ALTER TABLE items ADD COLUMN note text;");
    int[] rc = new int[1];
    String out =
        captured(
            () ->
                rc[0] =
                    WorkloadMain.run(
                        new String[] {
                          "--url",
                          db.url(),
                          "--table",
                          "items",
                          "--key",
                          "id",
                          "--clients",
                          "3",
                          "--write",
                          "UPDATE items SET n = n + 1 WHERE id = ?",
                          "--before",
                          "500ms",
                          "--after",
                          "500ms",
                          "--sql",
                          sql.toString()
                        }));
    assertEquals(0, rc[0], out);
    assertTrue(out.startsWith("migration: " + sql + " applied in "), out);
    List<String> lines = out.lines().toList();
    assertEquals(WindowStats.header(), lines.get(1));
    assertTrue(
        lines.get(2).startsWith("before ")
            && lines.get(3).startsWith("during ")
            && lines.get(4).startsWith("after "),
        out);
    assertEquals(
        1,
        db.queryLong(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
    assertTrue(db.queryLong("SELECT sum(n) FROM items") > 0, "the clients wrote");
  }

  @Test
  void insertsFreshKeysAboveTheTableAndTimesWritesApart() throws Exception {
    Pg17.Db db = Pg17.newDatabase("workload_inserts");
    db.exec(
        "CREATE TABLE items (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO items (id) SELECT generate_series(1, 1000)");
    int[] rc = new int[1];
    String out =
        captured(
            () ->
                rc[0] =
                    WorkloadMain.run(
                        new String[] {
                          "--url",
                          db.url(),
                          "--table",
                          "items",
                          "--key",
                          "id",
                          "--clients",
                          "2",
                          "--write-ratio",
                          "0.2",
                          "--insert-ratio",
                          "0.1",
                          "--insert",
                          "INSERT INTO items (id, n) VALUES (?, 7)",
                          "--before",
                          "300ms",
                          "--during",
                          "300ms",
                          "--after",
                          "300ms"
                        }));
    assertEquals(0, rc[0], "no insert collided with an existing key: " + out);
    long inserted = db.queryLong("SELECT count(*) FROM items WHERE id > 1000");
    assertTrue(inserted > 0, out);
    assertEquals(
        inserted,
        db.queryLong("SELECT count(*) FROM items WHERE n = 7"),
        "every new row came from the insert");
    assertEquals(
        inserted,
        db.queryLong("SELECT max(id) - 1000 FROM items"),
        "keys 1001, 1002, … without a gap or a repeat");
    assertTrue(out.lines().skip(1).findFirst().orElseThrow().contains("writes p99"), out);
  }

  @Test
  void badArgumentsExitWithUsage() throws Exception {
    assertEquals(
        2,
        WorkloadMain.run(
            new String[] {
              "--url",
              "jdbc:postgresql://x/y",
              "--table",
              "t",
              "--key",
              "id",
              "--insert-ratio",
              "0.1"
            }),
        "an insert ratio without the INSERT");
    assertEquals(
        2,
        WorkloadMain.run(
            new String[] {
              "--url",
              "jdbc:postgresql://x/y",
              "--table",
              "t",
              "--key",
              "id",
              "--write-ratio",
              "0.8",
              "--insert-ratio",
              "0.3",
              "--insert",
              "INSERT INTO t VALUES (?)"
            }),
        "ratios above 1");
    assertEquals(2, WorkloadMain.run(new String[] {"--table", "items"}));
    assertEquals(
        2,
        WorkloadMain.run(
            new String[] {
              "--url", "jdbc:postgresql://x/y", "--table", "t", "--key", "id", "--colour", "red"
            }));
  }
}
