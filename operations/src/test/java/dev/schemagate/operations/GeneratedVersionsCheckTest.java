package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.operations.op.*;
import dev.schemagate.operations.op.RenameColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated version passes {@code schemagate check} with no error and no warning, on
 * PostgreSQL 14 to 18.
 */
class GeneratedVersionsCheckTest {

  @TempDir Path dir;

  /** One of each operation, on the fixture's tables. */
  static List<Supplier<MultiVersionOperation>> all() {
    return List.of(
        () -> MultiVersionOperation.of(new RenameColumn("customers", "full_name", "display_name")),
        () -> new ChangeType("orders", "amount", "bigint", null),
        () -> new ChangeType("customers", "email", "varchar(320)", null),
        () ->
            MultiVersionOperation.of(
                new AddColumn("orders", "currency", "text", "'EUR'", true, null)),
        () ->
            MultiVersionOperation.of(
                new AddColumn("orders", "amount_cents", "bigint", "0", true, "amount * 100")),
        () -> MultiVersionOperation.of(new SetNotNull("customers", "email")),
        () ->
            MultiVersionOperation.of(
                new AddCheck("orders", "orders_amount_positive", "amount > 0")),
        () -> MultiVersionOperation.of(new AddForeignKey("orders", "note", "customers(email)")),
        () -> MultiVersionOperation.of(new AddUnique("orders", List.of("customer_id", "note"))),
        () -> MultiVersionOperation.of(new DropColumn("orders", "note")),
        () -> MultiVersionOperation.of(new RenameTable("orders", "purchases")),
        () ->
            MultiVersionOperation.of(
                new SplitColumn(
                    "customers",
                    "full_name",
                    List.of(
                        new SplitColumn.Part("first_name", "text", "split_part(full_name, ' ', 1)"),
                        new SplitColumn.Part(
                            "last_name",
                            "text",
                            "nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '')")),
                    "concat_ws(' ', first_name, last_name)")),
        () ->
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
  }

  /**
   * The key type changes, on fixture-keys: orders.id (serial) referenced by order_items and
   * payments; tags.id referenced by nothing; and a column of the partitioned table events.
   */
  static List<Supplier<MultiVersionOperation>> keys() {
    return List.of(
        () -> new ChangeType("orders", "id", "bigint", null),
        () -> new ChangeType("tags", "id", "bigint", null),
        () -> new ChangeType("events", "amount", "bigint", null));
  }

  static Stream<Arguments> keyOperations() {
    return keys().stream()
        .flatMap(op -> Stream.of(14, 15, 16, 17, 18).map(pg -> Arguments.of(op.get(), pg)));
  }

  @ParameterizedTest(name = "{0} on PG {1}")
  @MethodSource("keyOperations")
  void keyChangesPassCheck(MultiVersionOperation op, int pg) throws Exception {
    assertPasses(Fixture.copy(dir, "fixture-keys"), op, pg);
  }

  static Stream<Arguments> operations() {
    return all().stream()
        .flatMap(op -> Stream.of(14, 15, 16, 17, 18).map(pg -> Arguments.of(op.get(), pg)));
  }

  @ParameterizedTest(name = "{0} on PG {1}")
  @MethodSource("operations")
  void passesCheck(MultiVersionOperation op, int pg) throws Exception {
    assertPasses(Fixture.copy(dir), op, pg);
  }

  private static void assertPasses(Fixture f, MultiVersionOperation op, int pg) throws Exception {
    List<Path> written = f.generate(op);
    assertTrue(!written.isEmpty(), written.toString());
    assertTrue(
        written.stream().allMatch(p -> p.startsWith(f.root.resolve("migrations/app"))),
        written.toString());
    List<Finding> problems = f.problems(pg);
    StringBuilder files = new StringBuilder();
    for (Path p : written) {
      files.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p));
    }
    assertEquals(List.of(), problems, files.toString());
  }

  /**
   * The harness sees a version written into the fixture: the hand-written unsafe rename is
   * reported.
   */
  @org.junit.jupiter.api.Test
  void theHarnessReportsAnUnsafeVersion() throws Exception {
    Fixture f = Fixture.copy(dir);
    Path v = f.root.resolve("migrations/app/0002_unsafe/expand.sql");
    Files.createDirectories(v.getParent());
    Files.writeString(v, "ALTER TABLE customers RENAME COLUMN full_name TO display_name;\n");
    List<Finding> problems = f.problems(17);
    assertTrue(
        problems.stream().anyMatch(p -> p.rule().equals("compat/rename-column")),
        problems.toString());
  }
}
