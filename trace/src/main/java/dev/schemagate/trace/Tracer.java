package dev.schemagate.trace;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.lock.PhaseAnalyzer;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces whole histories: a schemagate repository's tracks, or plain SQL files taken in order as
 * one history. Each track gets its own database on a server of its PostgreSQL major version (one
 * server per version, started on first use and stopped by {@link #close()}). Before each file the
 * tables that earlier files created are seeded with rows; each statement of the file is traced (and
 * compared with the static lock model on the same replayed history), then applied for real so that
 * the next statement sees its effect. A statement that fails is reported with its file and line,
 * and the trace goes on.
 */
public final class Tracer implements AutoCloseable {

  /**
   * One traced statement with the static model's answer for it.
   *
   * @param modelled false for statements the model makes no claim about (DO blocks, CALL, text it
   *     could not parse): they are traced but not compared
   * @param differences disagreements between the model and PostgreSQL
   * @param dependent differences that depend on the seeded rows, the session or objects outside the
   *     replayed history (see {@link FactsComparison}): reported, not counted as disagreements
   */
  public record Entry(
      StatementFacts model,
      TracedStatement traced,
      boolean modelled,
      List<String> differences,
      List<String> dependent) {
    public Entry {
      differences = List.copyOf(differences);
      dependent = List.copyOf(dependent);
    }
  }

  /** One traced file. */
  public record FileTrace(
      String path, String track, Integer version, PhaseKind phase, List<Entry> statements) {
    public FileTrace {
      statements = List.copyOf(statements);
    }
  }

  /** Everything a trace saw; {@code problems} name file and line. */
  public record Report(int pgVersion, List<FileTrace> files, List<String> problems) {
    public Report {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }

    public int traced() {
      return files.stream().mapToInt(f -> f.statements().size()).sum();
    }

    public int failed() {
      return (int)
          files.stream()
              .flatMap(f -> f.statements().stream())
              .filter(e -> e.traced().failed())
              .count();
    }

    public int unmodelled() {
      return (int)
          files.stream().flatMap(f -> f.statements().stream()).filter(e -> !e.modelled()).count();
    }

    /** Statements whose only differences depend on the rows, the session or the database. */
    public int dependent() {
      return (int)
          files.stream()
              .flatMap(f -> f.statements().stream())
              .filter(
                  e ->
                      !e.traced().failed() && e.differences().isEmpty() && !e.dependent().isEmpty())
              .count();
    }

    public int disagreements() {
      return (int)
          files.stream()
              .flatMap(f -> f.statements().stream())
              .filter(e -> !e.traced().failed() && !e.differences().isEmpty())
              .count();
    }
  }

  private static final Set<StatementKind> UNMODELLED =
      java.util.EnumSet.of(StatementKind.DO_BLOCK, StatementKind.CALL, StatementKind.UNPARSED);

  private final Map<Integer, PgServer> servers = new HashMap<>();
  private final StatementParser parser = new StatementParser();
  private int databases;

  private PgServer server(int version) {
    return servers.computeIfAbsent(version, PgServer::start);
  }

  /**
   * Traces every track of a repository, in apply order; {@code pgOverride} replaces each track's
   * version.
   */
  public Report trace(MigrationRepository repo, Integer pgOverride) throws SQLException {
    List<FileTrace> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int reported = 0;
    for (Track track : repo.tracks().values()) {
      int pg = pgOverride != null ? pgOverride : track.config().pgVersion();
      reported = Math.max(reported, pg);
      List<Source> sources = new ArrayList<>();
      for (PhaseFile f : track.applyOrder()) {
        sources.add(new Source(f.repoPath(), f.text(), f.track(), f.version(), f.phase()));
      }
      files.addAll(traceHistory(pg, track.config().defaultSchema(), sources, problems));
    }
    return new Report(reported, files, problems);
  }

  /** Traces plain SQL files as one history, in the order given. */
  public Report trace(SqlFileSet set, int pg) throws SQLException {
    List<Source> sources = new ArrayList<>();
    for (SqlFile f : set.files()) {
      sources.add(new Source(f.displayPath(), f.text(), null, null, null));
    }
    List<String> problems = new ArrayList<>();
    List<FileTrace> files = traceHistory(pg, "public", sources, problems);
    return new Report(pg, files, problems);
  }

  private record Source(String path, String text, String track, Integer version, PhaseKind phase) {}

  private List<FileTrace> traceHistory(
      int pg, String defaultSchema, List<Source> sources, List<String> problems)
      throws SQLException {
    PgServer server = server(pg);
    String db = "trace_" + ++databases;
    server.createDatabase(db, null);
    if (!defaultSchema.equals("public")) {
      try (var c = server.connect(db);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS \"" + defaultSchema.replace("\"", "\"\"") + "\"");
        s.execute(
            "ALTER DATABASE "
                + db
                + " SET search_path TO \""
                + defaultSchema.replace("\"", "\"\"")
                + "\", public");
      }
    }
    List<FileTrace> out = new ArrayList<>();
    PhaseAnalyzer analyzer = new PhaseAnalyzer(pg);
    Catalog catalog = new Catalog(defaultSchema);
    Set<Long> seeded = new java.util.HashSet<>();
    try (StatementTracer tracer = new StatementTracer(server, db)) {
      for (Source source : sources) {
        SplitFile split = SqlSplitter.split(source.path(), source.text());
        List<ParsedStatement> parsed = parser.parse(split);
        PhaseAnalyzer.Result analysis = analyzer.run(parsed, catalog);
        catalog = analysis.after();
        for (String p : Seeder.seedEmptyTables(tracer.connection(), seeded)) {
          problems.add(source.path() + ": before this file, " + p);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> created = new LinkedHashSet<>();
        for (int i = 0; i < parsed.size(); i++) {
          ParsedStatement st = parsed.get(i);
          if (st.source().metaCommand() || st.kind() == StatementKind.TRANSACTION_CONTROL) {
            continue; // the trace makes its own transactions; psql meta-commands are not SQL
          }
          StatementFacts model = analysis.facts().get(i);
          TracedStatement traced = tracer.trace(st, created);
          String where = source.path() + ":" + st.source().line();
          if (traced.failed()) {
            problems.add(where + ": " + traced.error());
          } else if (traced.facts().versionError() == null) {
            try {
              tracer.apply(st);
            } catch (SQLException e) {
              problems.add(
                  where + ": traced, but failed when applied: " + Seeder.firstLine(e.getMessage()));
            }
          }
          created.addAll(traced.createdByStatement());
          boolean modelled = !UNMODELLED.contains(st.kind());
          FactsComparison.Result compared =
              modelled
                  ? FactsComparison.compare(model, traced)
                  : new FactsComparison.Result(List.of(), List.of());
          entries.add(
              new Entry(model, traced, modelled, compared.differences(), compared.dependent()));
        }
        out.add(
            new FileTrace(
                source.path(), source.track(), source.version(), source.phase(), entries));
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (PgServer s : servers.values()) {
      s.close();
    }
    servers.clear();
  }
}
