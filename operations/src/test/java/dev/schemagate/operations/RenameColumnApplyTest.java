package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.operations.op.RenameColumn;
import dev.schemagate.runner.RunnerException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rename-column's verify.sql applied by the runner: it refuses the contract for a row the backfill
 * never saw, names it, and records the hold. (The phases under both shapes' writers and the
 * rollbacks: OperationsProofTest.)
 */
class RenameColumnApplyTest {

  @TempDir Path dir;

  @Test
  void verifyRefusesTheContractWhileRowsAreNotBackfilled() throws Exception {
    OperationRun run =
        OperationRun.of(
            dir,
            MultiVersionOperation.of(new RenameColumn("customers", "full_name", "display_name")));
    run.apply("app@1");
    run.exec(
        "INSERT INTO customers (full_name, email) SELECT 'seed-' || g, 'seed' || g || '@example.com' FROM generate_series(1, 2000) g");
    run.apply("app@2.backfill");
    // A row the backfill never saw: written with the trigger disabled, as a bulk load by hand
    // could.
    run.exec(
        "ALTER TABLE customers DISABLE TRIGGER customers_sync_display_name; UPDATE customers SET full_name = 'changed' WHERE id = 7;"
            + " ALTER TABLE customers ENABLE TRIGGER customers_sync_display_name");
    Exception e = assertThrows(RunnerException.class, () -> run.apply("app@2"));
    assertTrue(
        e.getMessage()
            .contains(
                "app@2 contract refused by its verify.sql: migrations/app/0002_rename_customers_full_name_to_display_name/verify.sql:5 returned rows, first: (id=7)"),
        e.getMessage());
    assertEquals(List.of("verify"), run.rows("SELECT gate FROM schemagate.held_back"));
    assertEquals(
        List.of("1"),
        run.rows(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'full_name'"));
  }
}
