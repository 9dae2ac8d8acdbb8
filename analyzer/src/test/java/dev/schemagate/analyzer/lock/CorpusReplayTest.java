package dev.schemagate.analyzer.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays each project of the real migration corpus (shared/corpus) file by file, in the order the
 * project applies them, through the splitter, the parser, the lock model and the catalog, on every
 * PostgreSQL version the model covers.
 */
class CorpusReplayTest {

  static final Path CORPUS = Path.of("../../shared/corpus");
  static final List<String> PROJECTS =
      List.of("harbor", "kratos", "supabase-auth", "supabase-storage");

  /** Parsed once: project → files in applying order → statements. */
  private static final Map<String, List<List<ParsedStatement>>> PARSED = new LinkedHashMap<>();

  static synchronized List<List<ParsedStatement>> parsed(String project) {
    return PARSED.computeIfAbsent(
        project,
        p -> {
          Path root = CORPUS.resolve(p);
          assertTrue(Files.isDirectory(root), "corpus folder missing: " + root.toAbsolutePath());
          StatementParser parser = new StatementParser();
          List<List<ParsedStatement>> out = new ArrayList<>();
          try (Stream<Path> s = Files.walk(root)) {
            for (Path file : s.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
              out.add(
                  parser.parse(
                      SqlSplitter.split(
                          file.toString(), Files.readString(file, StandardCharsets.UTF_8))));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return out;
        });
  }

  /** What one replay saw. */
  record Replay(int statements, int alterTables, int alterTablesOnUnknown, Catalog after) {}

  static Replay replay(String project, int version) {
    PhaseAnalyzer analyzer = new PhaseAnalyzer(version);
    Catalog catalog = new Catalog();
    int statements = 0;
    int alters = 0;
    int unknown = 0;
    for (List<ParsedStatement> file : parsed(project)) {
      PhaseAnalyzer.Result result = analyzer.run(file, catalog);
      assertEquals(file.size(), result.facts().size());
      for (StatementFacts f : result.facts()) {
        ParsedStatement st = f.statement();
        for (RelationLock l : f.locks()) {
          assertTrue(
              l.relation().contains("."),
              () -> "unqualified relation " + l.relation() + " in " + st.source().path());
        }
        if (st.has(Flag.CONCURRENTLY)
            && (st.kind() == StatementKind.CREATE_INDEX || st.kind() == StatementKind.DROP_INDEX)) {
          assertFalse(
              f.transactional(), () -> "CONCURRENTLY is not transactional: " + st.source().text());
        }
        if (st.kind() == StatementKind.ALTER_TABLE) {
          alters++;
          if (f.notes().stream().anyMatch(n -> n.contains("not in the replayed history"))) {
            unknown++;
          }
        }
      }
      statements += file.size();
      catalog = result.after();
    }
    return new Replay(statements, alters, unknown, catalog);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void everyProjectReplaysOnEveryVersion(int version) {
    for (String project : PROJECTS) {
      Replay r = replay(project, version);
      assertTrue(r.statements() > 0, project);
      assertFalse(r.after().tableNames().isEmpty(), project + ": the replay builds a schema");
      // The replay follows creates, renames and drops: almost every ALTER TABLE finds its table.
      assertTrue(
          r.alterTablesOnUnknown() * 20 < r.alterTables(),
          project
              + ": "
              + r.alterTablesOnUnknown()
              + " of "
              + r.alterTables()
              + " ALTER TABLE on unknown tables");
    }
  }
}
