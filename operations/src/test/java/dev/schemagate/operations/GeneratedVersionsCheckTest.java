package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.Finding;
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

/** Every generated version passes {@code schemagate check} with no error and no warning, on PostgreSQL 14 to 18. */
class GeneratedVersionsCheckTest {

  @TempDir Path dir;

  static Stream<Arguments> operations() {
    List<Supplier<MultiVersionOperation>> ops = List.of(
        () -> MultiVersionOperation.of(new RenameColumn("customers", "full_name", "display_name")));
    return ops.stream().flatMap(op -> Stream.of(14, 15, 16, 17, 18).map(pg -> Arguments.of(op.get(), pg)));
  }

  @ParameterizedTest(name = "{0} on PG {1}")
  @MethodSource("operations")
  void passesCheck(MultiVersionOperation op, int pg) throws Exception {
    Fixture f = Fixture.copy(dir);
    List<Path> written = f.generate(op);
    assertTrue(written.size() >= 2, written.toString());
    assertTrue(written.stream().allMatch(p -> p.startsWith(f.root.resolve("migrations/app"))), written.toString());
    List<Finding> problems = f.problems(pg);
    StringBuilder files = new StringBuilder();
    for (Path p : written) {
      files.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p));
    }
    assertEquals(List.of(), problems, files.toString());
  }
}
