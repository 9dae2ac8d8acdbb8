package dev.schemagate.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input to rehearse gets one line that says what to write. */
class RehearsalInputTest {

  @Test
  void rowsAreTableEqualsN() {
    assertEquals(Map.entry("orders", 1_000_000L), RehearsalOptions.parseRows("orders=1_000_000"));
    assertEquals(
        "--rows orders: write TABLE=N, e.g. --rows orders=1000000",
        assertThrows(IllegalArgumentException.class, () -> RehearsalOptions.parseRows("orders"))
            .getMessage());
    assertEquals(
        "--rows orders=many: \"many\" is not a whole number of rows; write TABLE=N, e.g. --rows orders=1000000",
        assertThrows(
                IllegalArgumentException.class, () -> RehearsalOptions.parseRows("orders=many"))
            .getMessage());
  }

  @Test
  void scaleIsAShare() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RehearsalOptions(
                    java.nio.file.Path.of("."),
                    java.util.Optional.empty(),
                    Map.of(),
                    0,
                    1000,
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    4,
                    java.time.Duration.ofSeconds(1)));
    assertEquals(
        "--scale 0.0: must be above 0 and at most 1 (e.g. 0.01 inserts 1 % of the rows)",
        e.getMessage());
  }

  @Test
  void aParameterMustBeComparedWithAColumnOfANamedTable() {
    LiveTable items =
        new LiveTable(
            "public.items",
            java.util.List.of(
                new LiveColumn(
                    "id", "bigint", "int8", false, true, false, true, -1, false, false, null),
                new LiveColumn(
                    "status", "text", "text", false, true, false, false, -1, false, false, null)),
            java.util.List.of("id"),
            java.util.List.of());
    LiveSchema schema = LiveSchema.of(java.util.List.of(items));
    WorkloadQuery q =
        WorkloadQuery.parse(
            "q:1", "SELECT * FROM items WHERE status = $2 AND id > $1", schema, "public", 1);
    assertEquals(
        java.util.List.of(
            new WorkloadQuery.Parameter(1, "public.items", "id"),
            new WorkloadQuery.Parameter(2, "public.items", "status")),
        q.parameters());
    assertEquals("SELECT * FROM items WHERE status = ? AND id > ?", q.jdbcSql());
    assertEquals(java.util.List.of(2, 1), q.positions());
    assertEquals(
        "q:2: $1 is not compared with a column; write it as column = $1 so its values can be drawn from the data",
        assertThrows(
                RehearsalException.class,
                () -> WorkloadQuery.parse("q:2", "SELECT $1::int", schema, "public", 1))
            .getMessage());
    assertEquals(
        "q:3: $1 is compared with column total, which no table the query names has (tables named: [public.items]);"
            + " name the table in FROM, JOIN or UPDATE",
        assertThrows(
                RehearsalException.class,
                () ->
                    WorkloadQuery.parse(
                        "q:3", "SELECT 1 FROM items WHERE total = $1", schema, "public", 1))
            .getMessage());
  }
}
