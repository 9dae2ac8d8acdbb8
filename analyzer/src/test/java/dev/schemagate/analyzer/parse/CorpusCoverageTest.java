package dev.schemagate.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Splits and parses every migration of the real-world corpus ({@code ../../shared/corpus}, four
 * public projects) and keeps parse coverage at 100%: no exception, no statement left unparsed, none
 * classified only as another object ({@code create_other}, {@code alter_other}, {@code
 * drop_other}).
 */
class CorpusCoverageTest {

  /**
   * Statements allowed to stay unparsed, by "path:line", each with the reason it cannot be
   * understood.
   */
  private static final Map<String, String> KNOWN_UNPARSED = Map.of();

  /** Kinds that say only "some other object": none may appear in the corpus. */
  private static final java.util.Set<StatementKind> UNCLASSIFIED =
      java.util.EnumSet.of(
          StatementKind.CREATE_OTHER, StatementKind.ALTER_OTHER, StatementKind.DROP_OTHER);

  static Path corpus() {
    Path dir = Path.of("../../shared/corpus").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      fail(
          "corpus folder not found at "
              + dir
              + ": the real-migration corpus must sit beside the repository"
              + " (../shared/corpus from the repository root)");
    }
    return dir;
  }

  static List<Path> sqlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(corpus())) {
      return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
  }

  @Test
  void everyCorpusStatementIsClassified() throws IOException {
    List<Path> files = sqlFiles();
    assertTrue(files.size() >= 500, "expected the full corpus (500+ files), found " + files.size());
    List<String> texts = new ArrayList<>();
    for (Path f : files) {
      texts.add(Files.readString(f, StandardCharsets.UTF_8));
    }
    StatementParser parser = new StatementParser();
    Map<String, Long> nanosPerParser = new TreeMap<>();
    Map<String, Integer> perKind = new TreeMap<>();
    Map<String, Integer> perParser = new TreeMap<>();
    List<String> unparsed = new ArrayList<>();
    int statements = 0;
    long start = System.nanoTime();
    for (int i = 0; i < files.size(); i++) {
      String path = corpus().relativize(files.get(i)).toString();
      SplitFile split = SqlSplitter.split(path, texts.get(i));
      for (var statement : split.statements()) {
        long t0 = System.nanoTime();
        ParsedStatement p = parser.parse(statement);
        nanosPerParser.merge(p.parser(), System.nanoTime() - t0, Long::sum);
        statements++;
        perKind.merge(p.kindId(), 1, Integer::sum);
        perParser.merge(p.parser(), 1, Integer::sum);
        if (p.parser().equals(StatementParser.JSQLPARSER)
            && !p.kind().isDml()
            && p.kind() != StatementKind.SELECT) {
          unparsed.add(
              path + ":" + p.source().line() + " DDL went through JSqlParser: " + p.kindId());
        }
        if (UNCLASSIFIED.contains(p.kind())) { // understood, but as "some other object": issue 13
          unparsed.add(
              path
                  + ":"
                  + p.source().line()
                  + " unclassified: "
                  + p.kindId()
                  + " "
                  + p.attribute("object_type")
                  + " | "
                  + firstLine(p.source().text()));
        }
        if (p.kind() == StatementKind.UNPARSED) {
          String key = path + ":" + p.source().line();
          if (!KNOWN_UNPARSED.containsKey(key)) {
            unparsed.add(key + " " + p.reason() + " | " + firstLine(p.source().text()));
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "corpus: %d files, %d statements, parsed in %.3f s (%.0f statements/s, cold JVM)%n",
        files.size(), statements, seconds, statements / seconds);
    System.out.println("per parser: " + perParser);
    nanosPerParser.forEach(
        (name, nanos) ->
            System.out.printf(
                "  %s: %.3f s, %.0f statements/s%n",
                name, nanos / 1e9, perParser.get(name) / (nanos / 1e9)));
    long warmStart = System.nanoTime();
    int warmStatements = 0;
    for (int i = 0; i < files.size(); i++) {
      warmStatements +=
          parser.parse(SqlSplitter.split(files.get(i).toString(), texts.get(i))).size();
    }
    double warm = (System.nanoTime() - warmStart) / 1e9;
    System.out.printf(
        "second pass (warm JVM): %.3f s, %.0f statements/s%n", warm, warmStatements / warm);
    System.out.println("per kind: " + perKind);
    int classified = statements - perKind.getOrDefault("unparsed", 0);
    System.out.printf(
        "classified: %d of %d (%.2f%%)%n", classified, statements, 100.0 * classified / statements);
    unparsed.forEach(u -> System.out.println("UNPARSED " + u));
    assertEquals(List.of(), unparsed, "statements the analyzer could not understand");
  }

  /** The keyword-level fallback must agree with JSqlParser wherever JSqlParser succeeds. */
  @Test
  void keywordFallbackAgreesWithJsqlParserOnCorpusDml() throws IOException {
    StatementParser full =
        new StatementParser(Duration.ofSeconds(2), true, false); // every DML to JSqlParser
    StatementParser keywordsOnly = new StatementParser(Duration.ofSeconds(2), false);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (Path f : sqlFiles()) {
      SplitFile split =
          SqlSplitter.split(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      for (var statement : split.statements()) {
        ParsedStatement a = full.parse(statement);
        if (!a.parser().equals(StatementParser.JSQLPARSER)) {
          continue;
        }
        compared++;
        ParsedStatement b = keywordsOnly.parse(statement);
        if (a.kind() != b.kind()
            || !Objects.equals(a.target(), b.target())
            || !a.flags().equals(b.flags())) {
          disagreements.add(
              f.getFileName()
                  + ":"
                  + statement.line()
                  + " jsqlparser="
                  + a.kindId()
                  + " "
                  + a.target()
                  + a.flags()
                  + " keywords="
                  + b.kindId()
                  + " "
                  + b.target()
                  + b.flags());
        }
      }
    }
    System.out.println(
        "keyword fallback compared with JSqlParser on " + compared + " DML statements");
    assertTrue(
        compared > 100, "expected the corpus DML to go through JSqlParser, compared " + compared);
    assertEquals(List.of(), disagreements);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String s = nl < 0 ? text : text.substring(0, nl);
    return s.length() > 120 ? s.substring(0, 120) : s;
  }
}
