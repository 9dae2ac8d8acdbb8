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
    db.exec("CREATE TABLE items (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0); INSERT INTO items (id) SELECT generate_series(1, 1000)");
    Path sql = dir.resolve("migration.sql");
    Files.writeString(sql, "ALTER TABLE items ADD COLUMN note text;");
    int[] rc = new int[1];
    String out = captured(() -> rc[0] = WorkloadMain.run(new String[] {"--url", db.url(), "--table", "items", "--key", "id",
        "--clients", "3", "--write", "UPDATE items SET n = n + 1 WHERE id = ?", "--before", "500ms", "--after", "500ms",
        "--sql", sql.toString()}));
    assertEquals(0, rc[0], out);
    assertTrue(out.startsWith("migration: " + sql + " applied in "), out);
    List<String> lines = out.lines().toList();
    assertEquals(WindowStats.header(), lines.get(1));
    assertTrue(lines.get(2).startsWith("before ") && lines.get(3).startsWith("during ") && lines.get(4).startsWith("after "), out);
    assertEquals(1, db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
    assertTrue(db.queryLong("SELECT sum(n) FROM items") > 0, "the clients wrote");
  }

  @Test
  void badArgumentsExitWithUsage() throws Exception {
    assertEquals(2, WorkloadMain.run(new String[] {"--table", "items"}));
    assertEquals(2, WorkloadMain.run(new String[] {"--url", "jdbc:postgresql://x/y", "--table", "t", "--key", "id", "--colour", "red"}));
  }
}
