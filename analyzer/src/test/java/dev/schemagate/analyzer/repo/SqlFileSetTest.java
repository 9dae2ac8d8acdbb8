package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFileSetTest {

  @TempDir Path dir;
  TempFiles files;

  @BeforeEach
  void setUp() {
    files = new TempFiles(dir);
  }

  private static List<String> names(SqlFileSet set) {
    return set.files().stream().map(f -> f.path().getFileName().toString()).toList();
  }

  @Test
  void flywayFolderInVersionOrder() {
    for (String name :
        List.of(
            "V10__ten.sql",
            "V2__two.sql",
            "V1__one.sql",
            "V1_1__one_one.sql",
            "V1.2__one_two.sql",
            "U2__undo_two.sql",
            "R__views.sql",
            "notes.txt")) {
      files.write("flyway/" + name, "SELECT 1;");
    }
    SqlFileSet set = SqlFileSet.of(List.of(dir.resolve("flyway")));
    assertEquals(
        List.of(
            "V1__one.sql",
            "V1_1__one_one.sql",
            "V1.2__one_two.sql",
            "V2__two.sql",
            "V10__ten.sql",
            "R__views.sql"),
        names(set));
  }

  @Test
  void golangMigrateFolderSkipsDownFiles() {
    for (String name :
        List.of(
            "000010_ten.up.sql",
            "000010_ten.down.sql",
            "000002_two.up.sql",
            "000002_two.down.sql",
            "000001_one.up.sql",
            "000001_one.down.sql")) {
      files.write("gm/" + name, "SELECT 1;");
    }
    assertEquals(
        List.of("000001_one.up.sql", "000002_two.up.sql", "000010_ten.up.sql"),
        names(SqlFileSet.of(List.of(dir.resolve("gm")))));
  }

  @Test
  void recursiveWithNaturalFolderOrderAndHiddenFoldersSkipped() {
    files.write("m/10/b.sql", "SELECT 10;");
    files.write("m/9/a.sql", "SELECT 9;");
    files.write("m/9/z.SQL", "SELECT 9;");
    files.write("m/.cache/x.sql", "SELECT 0;");
    files.write("m/2.sql", "SELECT 2;");
    SqlFileSet set = SqlFileSet.of(List.of(dir.resolve("m")));
    assertEquals(
        List.of(
            dir.resolve("m") + "/2.sql",
            dir.resolve("m") + "/9/a.sql",
            dir.resolve("m") + "/9/z.SQL",
            dir.resolve("m") + "/10/b.sql"),
        set.files().stream().map(SqlFile::displayPath).toList());
  }

  @Test
  void argumentsKeepTheirOrderAndAFileNamedTwiceIsReadOnce() {
    files.write("b.sql", "SELECT 'b';");
    files.write("a.sql", "SELECT 'a';");
    files.write("x/1_first.down.sql", "SELECT 'down';");
    SqlFileSet set =
        SqlFileSet.of(
            List.of(
                dir.resolve("b.sql"),
                dir.resolve("a.sql"),
                dir.resolve("b.sql"),
                dir.resolve("x/1_first.down.sql")));
    assertEquals(
        List.of("b.sql", "a.sql", "1_first.down.sql"),
        names(set),
        "a file named explicitly is always taken");
    assertEquals("SELECT 'b';", set.files().get(0).text());
    assertEquals(dir.resolve("b.sql").toString(), set.files().get(0).displayPath());
  }

  @Test
  void missingPath() {
    Path missing = dir.resolve("nope");
    RepositoryException e =
        assertThrows(RepositoryException.class, () -> SqlFileSet.of(List.of(missing)));
    assertEquals(missing + ": no such file or directory", e.getMessage());
  }

  @Test
  void folderWithoutSqlFiles() {
    files.write("empty/readme.md", "x");
    files.write("empty/1_a.down.sql", "x");
    RepositoryException e =
        assertThrows(RepositoryException.class, () -> SqlFileSet.of(List.of(dir.resolve("empty"))));
    assertEquals(dir.resolve("empty") + ": no .sql file in this folder", e.getMessage());
  }

  @Test
  void invalidUtf8NamesTheFile() {
    files.write("bad.sql", new byte[] {(byte) 0xFF, ';'});
    RepositoryException e =
        assertThrows(
            RepositoryException.class, () -> SqlFileSet.of(List.of(dir.resolve("bad.sql"))));
    assertTrue(e.getMessage().endsWith("bad.sql: is not valid UTF-8"), e.getMessage());
  }

  @Test
  void naturalOrderComparesDigitRunsAsNumbers() {
    List<String> expected =
        List.of(
            "V1__a.sql",
            "V2__b.sql",
            "V9__c.sql",
            "V10__d.sql",
            "V100__e.sql",
            "v2/001_x.sql",
            "v2/2_y.sql",
            "v10/1.sql",
            "x99999999999999999999.sql",
            "x100000000000000000000.sql");
    List<String> shuffled = new ArrayList<>(expected);
    Collections.reverse(shuffled);
    shuffled.sort(NaturalPathOrder.INSTANCE);
    assertEquals(expected, shuffled);
  }
}
