package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain SQL mode on the real corpus (../shared/corpus): every file loads, in the order the projects
 * apply them: folder by folder, then by the number the file name starts with. Plain text order
 * would be wrong for supabase-storage, whose {@code tenant/00010-search-files-search-function.sql}
 * is migration 10 (its runner parses the number), not the second file.
 */
class CorpusSqlFileSetTest {

  private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

  @ParameterizedTest
  @ValueSource(strings = {"kratos", "harbor", "supabase-auth", "supabase-storage"})
  void loadsEveryFileInApplyOrder(String project) throws IOException {
    Path folder = CORPUS.resolve(project);
    assertTrue(
        Files.isDirectory(folder), "corpus present at " + folder.toAbsolutePath().normalize());
    List<Path> expected;
    try (Stream<Path> files = Files.walk(folder)) {
      expected =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".sql"))
              .filter(p -> !p.getFileName().toString().endsWith(".down.sql"))
              .map(p -> p.toAbsolutePath().normalize())
              .sorted(
                  Comparator.comparing((Path p) -> p.getParent().toString())
                      .thenComparing(CorpusSqlFileSetTest::leadingNumber))
              .toList();
    }
    SqlFileSet set = SqlFileSet.of(List.of(folder));
    assertEquals(expected, set.files().stream().map(SqlFile::path).toList());
    assertTrue(set.files().stream().allMatch(f -> f.checksum().length() == 64));
  }

  @Test
  void supabaseStorageMigrationTenIsTenth() {
    List<String> tenant =
        SqlFileSet.of(List.of(CORPUS.resolve("supabase-storage/migrations/tenant")))
            .files()
            .stream()
            .map(f -> f.path().getFileName().toString())
            .toList();
    assertEquals("0009-fix-search-function.sql", tenant.get(8));
    assertEquals("00010-search-files-search-function.sql", tenant.get(9));
    assertEquals("0011-add-trigger-to-auto-update-updated_at-column.sql", tenant.get(10));
  }

  private static BigInteger leadingNumber(Path file) {
    Matcher m = Pattern.compile("^(\\d+)").matcher(file.getFileName().toString());
    assertTrue(m.find(), "corpus file names start with a number: " + file);
    return new BigInteger(m.group(1));
  }
}
