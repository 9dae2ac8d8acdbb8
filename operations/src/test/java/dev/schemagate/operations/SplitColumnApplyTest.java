package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.operations.op.SplitColumn;
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

/**
 * split-column customers.full_name into first_name and last_name, with user-written expressions both
 * ways, applied by the runner while code of the old shape writes full_name and code of the new shape
 * writes first_name and last_name: each shape sees the other's writes, and the contract keeps them.
 */
class SplitColumnApplyTest {

  static final int SEEDED = 5_000;

  @TempDir Path dir;

  static SplitColumn split() {
    return new SplitColumn("customers", "full_name", List.of(
        new SplitColumn.Part("first_name", "text", "split_part(full_name, ' ', 1)"),
        new SplitColumn.Part("last_name", "text", "nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '')")),
        "concat_ws(' ', first_name, last_name)");
  }

  /** Old code: writes full_name "First<n> Last<n>"; the model holds the full name. */
  static Writers.Step oldShape() {
    return (Connection c, long n) -> {
      String full = "Old" + n + " Writer" + n;
      if (n % 2 == 1) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (full_name) VALUES (?) RETURNING id")) {
          ps.setString(1, full);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Map.entry(rs.getLong(1), full);
          }
        }
      }
      long id = 1 + 2 * ((n / 2) % (SEEDED / 2));
      try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET full_name = ? WHERE id = ?")) {
        ps.setString(1, full);
        ps.setLong(2, id);
        return ps.executeUpdate() == 1 ? Map.entry(id, full) : null;
      }
    };
  }

  /** New code: writes first_name and last_name. */
  static Writers.Step newShape() {
    return (Connection c, long n) -> {
      String first = "New" + n;
      String last = "Writer" + n;
      if (n % 2 == 1) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (first_name, last_name) VALUES (?, ?) RETURNING id")) {
          ps.setString(1, first);
          ps.setString(2, last);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Map.entry(rs.getLong(1), first + " " + last);
          }
        }
      }
      long id = 2 + 2 * ((n / 2) % (SEEDED / 2));
      try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET first_name = ?, last_name = ? WHERE id = ?")) {
        ps.setString(1, first);
        ps.setString(2, last);
        ps.setLong(3, id);
        return ps.executeUpdate() == 1 ? Map.entry(id, first + " " + last) : null;
      }
    };
  }

  private static Map<Long, String> table(OperationRun run, String expression) throws Exception {
    Map<Long, String> out = new TreeMap<>();
    for (String r : run.rows("SELECT id, " + expression + " FROM customers")) {
      String[] p = r.split("\\|", 2);
      out.put(Long.parseLong(p[0]), p[1]);
    }
    return out;
  }

  @Test
  void bothShapesSeeEachOthersWritesAndTheContractKeepsThem() throws Exception {
    OperationRun run = OperationRun.of(dir, MultiVersionOperation.of(split()));
    run.apply("app@1");
    run.exec("INSERT INTO customers (full_name) SELECT 'Seed' || g || ' Person' || g FROM generate_series(1, " + SEEDED + ") g");
    Map<Long, String> model = Writers.model();
    for (long i = 1; i <= SEEDED; i++) {
      model.put(i, "Seed" + i + " Person" + i);
    }
    List<String> failures;
    try (Writers w = new Writers(run, model)) {
      int old = w.start("old-shape", oldShape());
      run.apply("app@2.expand");
      int next = w.start("new-shape", newShape());
      w.awaitWrites(300);
      run.apply("app@2.backfill");
      w.awaitWrites(300);
      // One snapshot: the writers go on, so the model is compared only once they stopped.
      assertEquals(List.of("0"), run.rows("SELECT count(*) FROM customers"
          + " WHERE full_name IS DISTINCT FROM concat_ws(' ', first_name, last_name)"), "each shape reads what the other wrote");
      w.stop(old);
      run.apply("app@2");
      w.awaitWrites(100);
      w.stop(next);
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), run.rows("SELECT 1 FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'full_name'"));
    Writers.assertHolds(model, table(run, "concat_ws(' ', first_name, last_name)"));
  }
}
