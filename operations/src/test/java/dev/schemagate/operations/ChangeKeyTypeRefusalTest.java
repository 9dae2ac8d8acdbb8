package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemagate.operations.op.ChangeType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key and partition shapes change-type refuses on fixture-keys: one line that says why, and
 * nothing written.
 */
class ChangeKeyTypeRefusalTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}.{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "order_items|id||change-type: public.order_items.id is an identity column; moving its identity to the new column is not"
            + " generated (docs/operations.md#not-generated): make it serial-like first or write this change by hand",
        "orders|id|id + 0|change-type: public.orders.id is a primary key column, which is changed by a plain cast so that the"
            + " referencing columns convert alike; leave out --using",
        "events|id||change-type: public.events.id is the primary key of a partitioned table or partition, so it holds the"
            + " partition key, which PostgreSQL lets no ALTER change or drop; this cannot be done online"
            + " (docs/operations.md#partitioned-tables)",
        "events|kind||index public.events_kind_idx is on partitioned table public.events, where CREATE INDEX CONCURRENTLY is not"
            + " supported; the per-partition copy (CONCURRENTLY on each partition, ATTACH PARTITION to an index made ON ONLY the"
            + " parent) is not generated yet: write it by hand (docs/operations.md#partitioned-tables)"
      })
  void refusesInOneLineAndWritesNothing(String table, String column, String using, String message)
      throws Exception {
    Fixture f = Fixture.copy(dir, "fixture-keys");
    OperationException e =
        assertThrows(
            OperationException.class,
            () -> f.generate(new ChangeType(table, column, "bigint", using)));
    assertEquals(message, e.getMessage());
    try (var folders = Files.list(f.root.resolve("migrations/app"))) {
      assertEquals(1, folders.count(), "only 0001 is there");
    }
  }
}
