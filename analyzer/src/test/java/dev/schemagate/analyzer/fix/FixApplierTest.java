package dev.schemagate.analyzer.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.TextEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixApplierTest {

  @TempDir Path root;

  @Test
  void editsApplyInOffsetOrderWhateverTheirOrderGiven() throws IOException {
    Files.writeString(root.resolve("a.sql"), "0123456789");
    List<Path> written =
        new FixApplier(root)
            .apply(
                List.of(
                    new TextEdit("a.sql", 8, 9, "EIGHT"),
                    new TextEdit("a.sql", 1, 3, "x"),
                    new TextEdit("a.sql", 5, 5, "+")),
                Map.of());
    assertEquals(List.of(root.resolve("a.sql")), written);
    assertEquals("0x34+567EIGHT9", Files.readString(root.resolve("a.sql")));
  }

  @Test
  void overlappingEditsAreRefusedAndNothingIsWritten() throws IOException {
    Files.writeString(root.resolve("ok.sql"), "SELECT 1;");
    Files.writeString(root.resolve("a.sql"), "0123456789");
    FixException e =
        assertThrows(
            FixException.class,
            () ->
                new FixApplier(root)
                    .apply(
                        List.of(
                            new TextEdit("ok.sql", 0, 0, "-- x\n"),
                            new TextEdit("a.sql", 2, 6, "x"),
                            new TextEdit("a.sql", 4, 4, "y")),
                        Map.of()));
    assertEquals(
        "a.sql: overlapping edits [2, 6) and [4, 4); apply one fix, then run schemagate check --fix again",
        e.getMessage());
    assertEquals(
        "SELECT 1;",
        Files.readString(root.resolve("ok.sql")),
        "no file is written when one cannot be");
    assertEquals("0123456789", Files.readString(root.resolve("a.sql")));
  }

  @Test
  void insertionsAtOneOffsetPutDirectivesFirstThenSettings() {
    String out =
        FixApplier.applyToText(
            "a.sql",
            "CREATE INDEX i ON t (a);\n",
            List.of(
                new TextEdit("a.sql", 0, 0, "SET lock_timeout = '5s';\n"),
                new TextEdit("a.sql", 0, 0, "-- schemagate:phase transactional=false\n")));
    assertEquals(
        "-- schemagate:phase transactional=false\nSET lock_timeout = '5s';\nCREATE INDEX i ON t (a);\n",
        out);
  }

  @Test
  void identicalEditsOfSeveralFindingsCountOnce() {
    TextEdit timeout = new TextEdit("a.sql", 0, 0, "SET lock_timeout = '5s';\n");
    assertEquals(
        "SET lock_timeout = '5s';\nSELECT 1;",
        FixApplier.applyToText("a.sql", "SELECT 1;", List.of(timeout, timeout)));
  }

  @Test
  void aMissingFileIsCreatedByAnEditAtZero() throws IOException {
    List<Path> written =
        new FixApplier(root)
            .apply(
                List.of(
                    new TextEdit(
                        "migrations/app/0002_x/contract.sql",
                        0,
                        0,
                        "DROP INDEX CONCURRENTLY old_idx;\n")),
                Map.of());
    Path created = root.resolve("migrations/app/0002_x/contract.sql");
    assertEquals(List.of(created), written);
    assertEquals("DROP INDEX CONCURRENTLY old_idx;\n", Files.readString(created));
  }

  @Test
  void aMissingFileWithOtherOffsetsIsAnError() {
    FixException e =
        assertThrows(
            FixException.class,
            () ->
                new FixApplier(root).apply(List.of(new TextEdit("nope.sql", 3, 3, "x")), Map.of()));
    assertTrue(e.getMessage().startsWith("nope.sql: does not exist"), e.getMessage());
  }

  @Test
  void aFileChangedSinceTheAnalysisIsRefused() throws IOException {
    Files.writeString(root.resolve("a.sql"), "SELECT 2;");
    FixException e =
        assertThrows(
            FixException.class,
            () ->
                new FixApplier(root)
                    .apply(
                        List.of(new TextEdit("a.sql", 0, 0, "x")), Map.of("a.sql", "SELECT 1;")));
    assertEquals(
        "a.sql: changed since it was analysed; run schemagate check again", e.getMessage());
    assertEquals("SELECT 2;", Files.readString(root.resolve("a.sql")));
  }

  @Test
  void editsOutsideTheTextAreAnError() {
    FixException e =
        assertThrows(
            FixException.class,
            () -> FixApplier.applyToText("a.sql", "abc", List.of(new TextEdit("a.sql", 2, 9, ""))));
    assertEquals("a.sql: edit [2, 9) is outside the file's 3 characters", e.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsNotTouched() throws IOException {
    byte[] latin1 = {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';'};
    Files.write(root.resolve("l.sql"), latin1);
    FixException e =
        assertThrows(
            FixException.class,
            () -> new FixApplier(root).apply(List.of(new TextEdit("l.sql", 0, 0, "x")), Map.of()));
    assertEquals("l.sql: is not valid UTF-8; fixes only edit UTF-8 files", e.getMessage());
  }

  @Test
  void bytesOutsideTheEditsStayExactly() throws IOException {
    String text = "-- ünïcode\r\nCREATE INDEX i ON t (a);\t\r\n\r\n/* x; */ SELECT 1;";
    Files.writeString(root.resolve("b.sql"), text);
    int at = text.indexOf("INDEX") + 5;
    new FixApplier(root)
        .apply(List.of(new TextEdit("b.sql", at, at, " CONCURRENTLY")), Map.of("b.sql", text));
    assertEquals(
        text.substring(0, at) + " CONCURRENTLY" + text.substring(at),
        Files.readString(root.resolve("b.sql")));
  }
}
