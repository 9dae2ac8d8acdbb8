package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.operations.op.AddCheck;
import dev.schemagate.operations.op.AddColumn;
import dev.schemagate.operations.op.AddForeignKey;
import dev.schemagate.operations.op.AddUnique;
import dev.schemagate.operations.op.MergeColumns;
import dev.schemagate.operations.op.RenameTable;
import dev.schemagate.operations.op.SetNotNull;
import dev.schemagate.runner.RunnerException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract-only operations applied by the runner: verify.sql refuses the contract while rows
 * would break it (naming them), and lets it run once they are fixed; rename-table keeps old code
 * working through the view until its contract.
 */
class ContractVerificationApplyTest {

  @TempDir Path dir;

  @Test
  void setNotNullIsRefusedWhileARowIsNullAndRunsOnceNoneIs() throws Exception {
    OperationRun run =
        OperationRun.of(dir, MultiVersionOperation.of(new SetNotNull("customers", "email")));
    run.apply("app@1");
    run.exec(
        "INSERT INTO customers (full_name, email) SELECT 'c' || g, CASE WHEN g = 42 THEN NULL ELSE 'c' || g || '@example.com' END"
            + " FROM generate_series(1, 1000) g");
    RunnerException e = assertThrows(RunnerException.class, () -> run.apply("app@2"));
    assertTrue(e.getMessage().contains("returned rows, first: (id=42)"), e.getMessage());
    assertEquals(
        List.of("YES"),
        run.rows(
            "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'email'"));

    run.exec("UPDATE customers SET email = 'c42@example.com' WHERE id = 42");
    run.apply("app@2");
    assertEquals(
        List.of("NO"),
        run.rows(
            "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'email'"));
    assertEquals(
        List.of(),
        run.rows(
            "SELECT conname FROM pg_constraint WHERE conname LIKE '%not_null%' AND contype = 'c'"),
        "the helper check is dropped once SET NOT NULL has used it");
  }

  @Test
  void addCheckIsRefusedWhileARowBreaksItAndIsValidatedOnceNoneDoes() throws Exception {
    OperationRun run =
        OperationRun.of(
            dir,
            MultiVersionOperation.of(
                new AddCheck("orders", "orders_amount_positive", "amount > 0")));
    run.apply("app@1");
    run.exec("INSERT INTO orders (amount) SELECT g - 1 FROM generate_series(1, 500) g");
    RunnerException e = assertThrows(RunnerException.class, () -> run.apply("app@2"));
    assertTrue(e.getMessage().contains("returned rows, first: (id=1)"), e.getMessage());

    run.exec("UPDATE orders SET amount = 1 WHERE amount <= 0");
    run.apply("app@2");
    assertEquals(
        List.of("t"),
        run.rows(
            "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_amount_positive'"));
  }

  @Test
  void renameTableKeepsOldCodeWorkingThroughTheViewUntilTheContract() throws Exception {
    OperationRun run =
        OperationRun.of(dir, MultiVersionOperation.of(new RenameTable("orders", "purchases")));
    run.apply("app@1");
    run.exec("INSERT INTO orders (amount) VALUES (10)");
    run.apply("app@2.expand");
    // old code: the old name, reads and writes; new code: the new name
    run.exec(
        "INSERT INTO orders (amount) VALUES (20); UPDATE orders SET amount = 11 WHERE amount = 10");
    run.exec("INSERT INTO purchases (amount) VALUES (30)");
    assertEquals(List.of("11", "20", "30"), run.rows("SELECT amount FROM orders ORDER BY amount"));
    assertEquals(
        List.of("11", "20", "30"), run.rows("SELECT amount FROM purchases ORDER BY amount"));

    run.apply("app@2");
    assertEquals(List.of(), run.rows("SELECT relname FROM pg_class WHERE relname = 'orders'"));
    assertEquals(List.of("3"), run.rows("SELECT count(*) FROM purchases"));
  }

  @Test
  void addColumnBackfillsTheRowsThatExistedAndThenRequiresIt() throws Exception {
    OperationRun run =
        OperationRun.of(
            dir,
            MultiVersionOperation.of(
                new AddColumn("orders", "amount_cents", "bigint", "0", true, "amount * 100")));
    run.apply("app@1");
    run.exec("INSERT INTO orders (amount) SELECT g FROM generate_series(1, 5000) g");
    run.apply("app@2.expand");
    run.exec(
        "INSERT INTO orders (amount) VALUES (7)"); // old code, after the expand: gets the default
    run.apply("app@2");
    assertEquals(
        List.of("0"),
        run.rows(
            "SELECT count(*) FROM orders WHERE id <= 5000 AND amount_cents IS DISTINCT FROM amount * 100"));
    assertEquals(List.of("0"), run.rows("SELECT amount_cents FROM orders WHERE id = 5001"));
    assertEquals(
        List.of("NO|0"),
        run.rows(
            "SELECT is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_name = 'orders' AND column_name = 'amount_cents'"));
  }

  @Test
  void addForeignKeyIsRefusedWhileARowIsAnOrphanAndValidatedOnceNoneIs() throws Exception {
    OperationRun run =
        OperationRun.of(
            dir, MultiVersionOperation.of(new AddForeignKey("orders", "note", "customers(email)")));
    run.apply("app@1");
    run.exec(
        "INSERT INTO customers (full_name, email) VALUES ('a', 'a@example.com');"
            + " INSERT INTO orders (amount, note) VALUES (1, 'a@example.com'), (2, 'nobody@example.com'), (3, NULL)");
    RunnerException e = assertThrows(RunnerException.class, () -> run.apply("app@2"));
    assertTrue(
        e.getMessage().contains("returned rows, first: (note=nobody@example.com)"), e.getMessage());
    assertEquals(
        List.of("orders_note_idx"),
        run.rows(
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'orders'::regclass"
                + " AND indexrelid::regclass::text = 'orders_note_idx'"),
        "the expand built the foreign key's index");

    run.exec("UPDATE orders SET note = NULL WHERE note = 'nobody@example.com'");
    run.apply("app@2");
    assertEquals(
        List.of("t"),
        run.rows("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_note_fkey'"));
  }

  @Test
  void addUniqueBuildsTheIndexAndTurnsItIntoAConstraint() throws Exception {
    OperationRun run =
        OperationRun.of(
            dir, MultiVersionOperation.of(new AddUnique("customers", List.of("full_name"))));
    run.apply("app@1");
    run.exec("INSERT INTO customers (full_name) SELECT 'c' || g FROM generate_series(1, 2000) g");
    run.apply("app@2");
    assertEquals(
        List.of("u"),
        run.rows("SELECT contype FROM pg_constraint WHERE conname = 'customers_full_name_key'"));
    assertThrows(
        java.sql.SQLException.class,
        () -> run.exec("INSERT INTO customers (full_name) VALUES ('c1')"));
  }

  @Test
  void mergeIsRefusedWhileARowWouldLoseWhatItsOldColumnsHold() throws Exception {
    // up yields NULL for a NULL email (|| with NULL), so down cannot give the row's full_name back.
    OperationRun run =
        OperationRun.of(
            dir,
            MultiVersionOperation.of(
                new MergeColumns(
                    "customers",
                    List.of("full_name", "email"),
                    "contact",
                    "text",
                    "full_name || ' <' || email || '>'",
                    List.of(
                        "split_part(contact, ' <', 1)",
                        "rtrim(split_part(contact, ' <', 2), '>')"))));
    run.apply("app@1");
    run.exec(
        "INSERT INTO customers (full_name, email) SELECT 'c' || g, CASE WHEN g = 42 THEN NULL ELSE 'c' || g || '@example.com' END"
            + " FROM generate_series(1, 100) g");
    run.apply("app@2.backfill");
    RunnerException e = assertThrows(RunnerException.class, () -> run.apply("app@2"));
    assertTrue(e.getMessage().contains("returned rows, first: (id=42)"), e.getMessage());
    assertEquals(
        List.of("c42"),
        run.rows("SELECT full_name FROM customers WHERE id = 42"),
        "the old columns are still there");

    run.exec("UPDATE customers SET email = 'c42@example.com' WHERE id = 42");
    run.apply("app@2");
    assertEquals(
        List.of("c42 <c42@example.com>"), run.rows("SELECT contact FROM customers WHERE id = 42"));
  }
}
