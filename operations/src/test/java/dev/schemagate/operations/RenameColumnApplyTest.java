package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.operations.op.RenameColumn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rename-column applied with the runner while code of the old shape (writes full_name) and of the
 * new shape (writes display_name) write at the same time: both work after every phase, the
 * contract keeps every write, and a rollback from each boundary loses none.
 */
class RenameColumnApplyTest {

  static final int SEEDED = 20_000;

  @TempDir Path dir;

  private static OperationRun seeded(Path dir, Map<Long, String> model) throws Exception {
    OperationRun run = OperationRun.of(dir, MultiVersionOperation.of(new RenameColumn("customers", "full_name", "display_name")));
    run.apply("app@1");
    run.exec("INSERT INTO customers (full_name, email) SELECT 'seed-' || g, 'seed' || g || '@example.com' FROM generate_series(1, " + SEEDED + ") g");
    for (long i = 1; i <= SEEDED; i++) {
      model.put(i, "seed-" + i);
    }
    return run;
  }

  /** Code of one shape: inserts a row, then updates one of the seeded rows of its parity, in turn. */
  static Writers.Step shape(String column, int parity) {
    return (Connection c, long n) -> {
      String value = column + "-" + n;
      if (n % 2 == 1) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (" + column + ", email) VALUES (?, ?) RETURNING id")) {
          ps.setString(1, value);
          ps.setString(2, column + n + "@example.com");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Map.entry(rs.getLong(1), value);
          }
        }
      }
      long id = 2 * ((n / 2) % (SEEDED / 2)) + parity + (parity == 0 ? 2 : 0);
      try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET " + column + " = ? WHERE id = ?")) {
        ps.setString(1, value);
        ps.setLong(2, id);
        return ps.executeUpdate() == 1 ? Map.entry(id, value) : null;
      }
    };
  }

  private static Map<Long, String> column(OperationRun run, String column) throws Exception {
    Map<Long, String> out = new TreeMap<>();
    for (String r : run.rows("SELECT id, " + column + " FROM customers")) {
      String[] p = r.split("\\|", 2);
      out.put(Long.parseLong(p[0]), p[1]);
    }
    return out;
  }

  @Test
  void bothShapesWorkThroughEveryPhaseAndTheContractKeepsEveryWrite() throws Exception {
    Map<Long, String> model = Writers.model();
    OperationRun run = seeded(dir, model);
    List<String> failures;
    try (Writers w = new Writers(run, model)) {
      int old = w.start("old-shape", shape("full_name", 1));
      w.awaitWrites(100);
      run.apply("app@2.expand");
      int next = w.start("new-shape", shape("display_name", 0));
      w.awaitWrites(200);
      run.apply("app@2.backfill");
      w.awaitWrites(200);
      assertEquals(List.of("0"), run.rows("SELECT count(*) FROM customers WHERE full_name IS DISTINCT FROM display_name"),
          "after the backfill, each shape reads what the other wrote");
      w.stop(old); // what the contract gate waits for: no code of the old shape runs
      run.apply("app@2");
      w.awaitWrites(200);
      w.stop(next);
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), run.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'full_name'"));
    assertEquals(List.of("NO|''::text"), run.rows("SELECT is_nullable, column_default FROM information_schema.columns"
        + " WHERE table_name = 'customers' AND column_name = 'display_name'"));
    Writers.assertHolds(model, column(run, "display_name"));
    assertTrue(run.log.stream().anyMatch(l -> l.contains("verify.sql queries returned no row")), run.log.toString());
  }

  @ParameterizedTest(name = "rollback after {0}")
  @ValueSource(strings = {"app@2.expand", "app@2.backfill"})
  void rollbackFromEachBoundaryLosesNoWrite(String boundary) throws Exception {
    Map<Long, String> model = Writers.model();
    OperationRun run = seeded(dir, model);
    List<String> failures;
    try (Writers w = new Writers(run, model)) {
      run.apply(boundary);
      int next = w.start("new-shape", shape("display_name", 0));
      int old = w.start("old-shape", shape("full_name", 1));
      w.awaitWrites(400);
      w.stop(next); // the rollback gate would wait for this: no code of the new shape runs
      run.rollback(2);
      w.awaitWrites(100);
      w.stop(old);
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), run.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'display_name'"));
    Writers.assertHolds(model, column(run, "full_name"));
  }

  @Test
  void verifyRefusesTheContractWhileRowsAreNotBackfilled() throws Exception {
    OperationRun run = seeded(dir, Writers.model());
    run.apply("app@2.backfill");
    // A row the backfill never saw: written with the trigger disabled, as a bulk load by hand could.
    run.exec("ALTER TABLE customers DISABLE TRIGGER customers_sync_display_name; UPDATE customers SET full_name = 'changed' WHERE id = 7;"
        + " ALTER TABLE customers ENABLE TRIGGER customers_sync_display_name");
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.schemagate.runner.RunnerException.class, () -> run.apply("app@2"));
    assertTrue(e.getMessage().contains("app@2 contract refused by its verify.sql: migrations/app/0002_rename_customers_full_name_to_display_name/verify.sql:5 returned rows, first: (id=7)"),
        e.getMessage());
    assertEquals(List.of("verify"), run.rows("SELECT gate FROM schemagate.held_back"));
    assertEquals(List.of("1"), run.rows("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'full_name'"));
  }
}
