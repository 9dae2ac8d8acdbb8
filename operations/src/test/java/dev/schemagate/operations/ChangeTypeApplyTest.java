package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.operations.op.ChangeType;
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
 * change-type orders.amount integer → bigint, applied by the runner while the same application code
 * (it uses amount throughout) inserts, updates and reads: no query fails through both versions,
 * including the swap, and every value written is there, as bigint.
 */
class ChangeTypeApplyTest {

  static final int SEEDED = 20_000;

  @TempDir Path dir;

  /** The application: inserts an order, updates one of the seeded ones, reads one back. */
  static Writers.Step application() {
    return (Connection c, long n) -> {
      long amount = 1_000 + n;
      switch ((int) (n % 3)) {
        case 0:
          {
            try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO orders (amount) VALUES (?) RETURNING id")) {
              ps.setLong(1, amount);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Map.entry(rs.getLong(1), Long.toString(amount));
              }
            }
          }
        case 1:
          {
            long id = 1 + n % SEEDED;
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE orders SET amount = ? WHERE id = ?")) {
              ps.setLong(1, amount);
              ps.setLong(2, id);
              return ps.executeUpdate() == 1 ? Map.entry(id, Long.toString(amount)) : null;
            }
          }
        default:
          {
            try (PreparedStatement ps =
                c.prepareStatement("SELECT amount FROM orders WHERE id = ?")) {
              ps.setLong(1, 1 + n % SEEDED);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.getLong(1);
                return null;
              }
            }
          }
      }
    };
  }

  @Test
  void noQueryFailsThroughBothVersionsAndTheSwap() throws Exception {
    OperationRun run = OperationRun.of(dir, new ChangeType("orders", "amount", "bigint", null));
    run.apply("app@1");
    run.exec("INSERT INTO orders (amount) SELECT g FROM generate_series(1, " + SEEDED + ") g");
    Map<Long, String> model = Writers.model();
    for (long i = 1; i <= SEEDED; i++) {
      model.put(i, Long.toString(i));
    }
    List<String> failures;
    try (Writers w = new Writers(run, model)) {
      w.start("application", application());
      w.awaitWrites(100);
      for (String phase : List.of("app@2.expand", "app@2.backfill", "app@3.expand", "app@3")) {
        run.apply(phase);
        w.awaitWrites(150);
      }
      w.close();
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures);
    assertEquals(
        List.of("bigint|NO"),
        run.rows(
            "SELECT data_type, is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'orders' AND column_name = 'amount'"));
    assertEquals(
        List.of(),
        run.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' AND column_name LIKE 'amount_%'"));
    Map<Long, String> table = new TreeMap<>();
    for (String r : run.rows("SELECT id, amount FROM orders")) {
      String[] p = r.split("\\|");
      table.put(Long.parseLong(p[0]), p[1]);
    }
    Writers.assertHolds(model, table);
  }
}
