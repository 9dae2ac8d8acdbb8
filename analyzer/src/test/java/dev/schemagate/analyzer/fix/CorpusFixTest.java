package dev.schemagate.analyzer.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.StatementKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --fix} on the real migrations of ../shared/corpus that create indexes without
 * CONCURRENTLY: every such index is fixed, only insertions are made, and a second run changes
 * nothing. Files with dollar-quoted bodies are left out because the test's own splitter
 * ({@link MiniCheck}) splits on every semicolon, and so are Go templates ({@code {{ … }}}).
 */
class CorpusFixTest {

  private static final Path CORPUS = Path.of("../../shared/corpus");
  private static final Pattern BLOCKING_INDEX = Pattern.compile("(?im)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?!CONCURRENTLY)");

  @TempDir Path root;

  @Test
  void fixesRealMigrationFiles() throws IOException {
    assertTrue(Files.isDirectory(CORPUS), "the corpus is expected at " + CORPUS.toAbsolutePath());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    int fixedFiles = 0;
    int fixedIndexes = 0;
    for (Path source : files) {
      String text = Files.readString(source);
      if (text.contains("$") || text.contains("{{") || !BLOCKING_INDEX.matcher(text).find()) {
        continue;
      }
      String name = CORPUS.relativize(source).toString();
      Path copy = root.resolve(name);
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, text);

      FileResult analysed = MiniCheck.analyse(name, text);
      List<TextEdit> edits = new ArrayList<>();
      for (Finding f : analysed.findings()) {
        if (f.fix() != null) {
          edits.addAll(f.fix().edits());
        }
      }
      assertTrue(edits.stream().allMatch(e -> e.startOffset() == e.endOffset()), name + ": fixes only insert");

      assertEquals(List.of(copy), MiniCheck.checkAndFix(root, name), name);
      String once = Files.readString(copy);
      long indexes = MiniCheck.analyse(name, text).statements().stream()
          .filter(s -> s.statement().kind() == StatementKind.CREATE_INDEX && !s.statement().has(Flag.CONCURRENTLY)).count();
      FileResult after = MiniCheck.analyse(name, once);
      assertEquals(List.of(), after.findings().stream().map(Finding::rule).toList(), name + " has nothing left to fix");
      assertEquals(indexes, after.statements().stream()
          .filter(s -> s.statement().kind() == StatementKind.CREATE_INDEX && s.statement().has(Flag.CONCURRENTLY)).count()
          - MiniCheck.analyse(name, text).statements().stream()
          .filter(s -> s.statement().kind() == StatementKind.CREATE_INDEX && s.statement().has(Flag.CONCURRENTLY)).count(), name);
      assertEquals(List.of(), MiniCheck.checkAndFix(root, name), name + ": a second --fix changes nothing");
      assertEquals(once, Files.readString(copy));
      fixedFiles++;
      fixedIndexes += (int) indexes;
    }
    assertTrue(fixedFiles >= 60, "fixed " + fixedFiles + " corpus files");
    assertTrue(fixedIndexes >= 90, "fixed " + fixedIndexes + " indexes");
  }
}
