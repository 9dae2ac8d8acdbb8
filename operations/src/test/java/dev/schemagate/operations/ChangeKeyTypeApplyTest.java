package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.operations.op.ChangeType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * change-type orders.id integer → bigint on fixture-keys, where orders.id is a serial primary key
 * referenced by order_items.order_id (NOT NULL, ON DELETE CASCADE) and payments.order_id (MATCH
 * FULL, ON UPDATE CASCADE, ON DELETE SET NULL, DEFERRABLE INITIALLY DEFERRED): five versions
 * (orders, order_items, payments, the swap, the validation) applied by the runner while the
 * application, which knows nothing of them, inserts orders with their items and payments, updates
 * items and reads them back through the join.
 */
class ChangeKeyTypeApplyTest {

  static final int SEEDED = 3_000;

  static final String ITEMS_FKEY = "FOREIGN KEY (order_id) REFERENCES orders(id) ON DELETE CASCADE";
  static final String PAYMENTS_FKEY =
      "FOREIGN KEY (order_id) REFERENCES orders(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED";

  @TempDir Path dir;

  /**
   * The database at app@1 with SEEDED orders, one item (quantity = order id) and one payment each;
   * the model holds the items.
   */
  static OperationRun seeded(Path dir, Map<Long, String> items) throws Exception {
    OperationRun run =
        OperationRun.of(dir, "fixture-keys", new ChangeType("orders", "id", "bigint", null));
    run.apply("app@1");
    run.exec(
        "INSERT INTO orders (status) SELECT 'new' FROM generate_series(1, "
            + SEEDED
            + ");"
            + " INSERT INTO order_items (order_id, quantity) SELECT id, id FROM orders ORDER BY id;"
            + " INSERT INTO payments (order_id, amount) SELECT id, 10 FROM orders ORDER BY id");
    for (String r : run.rows("SELECT id, order_id, quantity FROM order_items")) {
      String[] p = r.split("\\|");
      items.put(Long.parseLong(p[0]), p[1] + ":" + p[2]);
    }
    return run;
  }

  /**
   * The application: a new order with an item and a payment in one transaction, an update of an
   * item it wrote, and a read of an item through the join with its order. Items are the model: item
   * id → "order_id:quantity".
   */
  static Writers.Step application() {
    List<long[]> mine = new ArrayList<>();
    return (Connection c, long n) -> {
      if (n == 1) {
        // The swap changes the type a cached statement returns (RETURNING id): PostgreSQL refuses
        // the
        // cached plan once ("cached plan must not change result type"). pgjdbc prepares it again by
        // itself outside a transaction; inside one it needs autosave (docs/operations.md).
        c.unwrap(org.postgresql.PGConnection.class)
            .setAutosave(org.postgresql.jdbc.AutoSave.CONSERVATIVE);
      }
      if (n % 3 == 1 || mine.isEmpty()) {
        c.setAutoCommit(false);
        try {
          long order;
          try (PreparedStatement ps =
                  c.prepareStatement("INSERT INTO orders (status) VALUES ('new') RETURNING id");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            order = rs.getLong(1);
          }
          long item;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO order_items (order_id, quantity) VALUES (?, ?) RETURNING id")) {
            ps.setLong(1, order);
            ps.setLong(2, n);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              item = rs.getLong(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO payments (order_id, amount) VALUES (?, 10)")) {
            ps.setLong(1, order);
            ps.executeUpdate();
          }
          c.commit();
          mine.add(new long[] {item, order});
          return Map.entry(item, order + ":" + n);
        } catch (SQLException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
      long[] pick = mine.get((int) (n % mine.size()));
      if (n % 3 == 2) {
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE order_items SET quantity = ? WHERE id = ?")) {
          ps.setLong(1, n);
          ps.setLong(2, pick[0]);
          return ps.executeUpdate() == 1 ? Map.entry(pick[0], pick[1] + ":" + n) : null;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT o.id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = ?")) {
        ps.setLong(1, pick[0]);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getLong(1) != pick[1]) {
            throw new SQLException("item " + pick[0] + " does not join its order " + pick[1]);
          }
          return null;
        }
      }
    };
  }

  static Map<Long, String> items(OperationRun run) throws Exception {
    Map<Long, String> out = new TreeMap<>();
    for (String r : run.rows("SELECT id, order_id, quantity FROM order_items")) {
      String[] p = r.split("\\|");
      out.put(Long.parseLong(p[0]), p[1] + ":" + p[2]);
    }
    return out;
  }

  /**
   * Rows of either referencing table whose order does not exist: must stay empty in every phase.
   */
  static List<String> orphans(OperationRun run) throws Exception {
    return run.rows(
        "SELECT 'order_items ' || id FROM order_items i WHERE NOT EXISTS (SELECT FROM orders o WHERE o.id = i.order_id)"
            + " UNION ALL SELECT 'payments ' || id FROM payments p WHERE p.order_id IS NOT NULL"
            + " AND NOT EXISTS (SELECT FROM orders o WHERE o.id = p.order_id)");
  }

  static List<String> shape(OperationRun run) throws Exception {
    return run.rows(
        "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
            + " FROM information_schema.columns WHERE table_schema = 'public'"
            + " AND (column_name = 'order_id' OR (table_name = 'orders' AND column_name = 'id') OR column_name LIKE '%\\_new')"
            + " ORDER BY 1");
  }

  static List<String> foreignKeys(OperationRun run) throws Exception {
    return run.rows(
        "SELECT conname || ' ' || convalidated || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE contype = 'f' ORDER BY conname");
  }

  @Test
  void theKeyAndItsReferencesBecomeBigintUnderWritesWithEveryRowAndActionKept() throws Exception {
    Map<Long, String> model = Writers.model();
    OperationRun run = seeded(dir, model);
    List<String> failures;
    List<String> orphansSeen = new ArrayList<>();
    try (Writers w = new Writers(run, model)) {
      w.start("application", application());
      w.awaitWrites(100);
      for (String phase :
          List.of(
              "app@2.expand",
              "app@2.backfill",
              "app@3.expand",
              "app@3.backfill",
              "app@4.expand",
              "app@4.backfill",
              "app@5.expand",
              "app@5",
              "app@6")) {
        run.apply(phase);
        w.awaitWrites(100);
        orphansSeen.addAll(orphans(run).stream().map(o -> phase + ": " + o).toList());
      }
      w.close();
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), orphansSeen);
    assertEquals(
        List.of(
            "order_items.order_id bigint NO",
            "orders.id bigint NO",
            "payments.order_id bigint YES"),
        shape(run));
    assertEquals(
        List.of(
            "order_items_order_id_fkey true " + ITEMS_FKEY,
            "payments_order_id_fkey true " + PAYMENTS_FKEY),
        foreignKeys(run));
    assertEquals(
        List.of("orders_pkey|PRIMARY KEY (id)"),
        run.rows(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'orders'::regclass AND contype = 'p'"));
    assertEquals(
        List.of("order_items_order_id_idx", "payments_order_id_idx"),
        run.rows(
            "SELECT indexrelid::regclass::text FROM pg_index"
                + " WHERE indrelid IN ('order_items'::regclass, 'payments'::regclass) AND NOT indisprimary ORDER BY 1"));
    assertEquals(
        List.of("public.orders_id_seq|bigint"),
        run.rows(
            "SELECT pg_get_serial_sequence('orders', 'id'), data_type"
                + " FROM information_schema.sequences WHERE sequence_name = 'orders_id_seq'"));
    assertEquals(List.of(), run.rows("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"));
    Writers.assertHolds(model, items(run));

    // The new shape: a key beyond integer, and the actions the keys had before.
    run.exec(
        "INSERT INTO orders (id, status) VALUES (3000000000, 'big'), (3000000002, 'big');"
            + " INSERT INTO payments (order_id, amount) VALUES (3000000000, 5);"
            + " INSERT INTO order_items (order_id, quantity) VALUES (3000000002, -1)");
    assertTrue(
        Long.parseLong(run.rows("SELECT nextval('orders_id_seq')").get(0)) > SEEDED,
        "the sequence went on, not back to 1");
    run.exec("UPDATE orders SET id = 3000000001 WHERE id = 3000000000");
    assertEquals(
        List.of("3000000001"),
        run.rows("SELECT order_id FROM payments WHERE amount = 5"),
        "ON UPDATE CASCADE");
    run.exec("DELETE FROM orders WHERE id = 3000000001");
    assertEquals(
        List.of(""),
        run.rows("SELECT coalesce(order_id::text, '') FROM payments WHERE amount = 5"),
        "ON DELETE SET NULL");
    run.exec("DELETE FROM orders WHERE id = 3000000002");
    assertEquals(
        List.of("0"),
        run.rows("SELECT count(*) FROM order_items WHERE quantity = -1"),
        "ON DELETE CASCADE");
    Exception orphan =
        org.junit.jupiter.api.Assertions.assertThrows(
            SQLException.class,
            () -> run.exec("INSERT INTO order_items (order_id, quantity) VALUES (4000000000, 1)"));
    assertTrue(orphan.getMessage().contains("order_items_order_id_fkey"), orphan.getMessage());
  }

  @ParameterizedTest(name = "rollback after {0}")
  @ValueSource(
      strings = {
        "app@2.expand",
        "app@2.backfill",
        "app@3.backfill",
        "app@4.backfill",
        "app@5.expand"
      })
  void rollbackFromEachBoundaryReturnsTheOldShapeWithEveryWrite(String boundary) throws Exception {
    Map<Long, String> model = Writers.model();
    OperationRun run = seeded(dir, model);
    List<String> before = foreignKeys(run);
    List<String> failures;
    int last = Integer.parseInt(boundary.substring(4, 5));
    try (Writers w = new Writers(run, model)) {
      w.start("application", application());
      run.apply(boundary);
      w.awaitWrites(200);
      for (int v = last; v >= 2; v--) {
        run.rollback(v);
        w.awaitWrites(50);
      }
      w.close();
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), orphans(run));
    assertEquals(
        List.of(
            "order_items.order_id integer NO",
            "orders.id integer NO",
            "payments.order_id integer YES"),
        shape(run));
    assertEquals(before, foreignKeys(run));
    assertEquals(List.of(), run.rows("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"));
    assertEquals(
        List.of(),
        run.rows(
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indexrelid::regclass::text LIKE '%\\_new%'"));
    Writers.assertHolds(model, items(run));
  }
}
