package dev.schemagate.analyzer.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.fix.FixContext;
import dev.schemagate.analyzer.fix.Fixes;
import dev.schemagate.analyzer.lock.PhaseAnalyzer;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.policy.PolicyBatch;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.policy.RawFinding;
import dev.schemagate.analyzer.repo.BaseComparison;
import dev.schemagate.analyzer.repo.BaseFacts;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.PhasePath;
import dev.schemagate.analyzer.repo.PolicySettings;
import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The check pipeline: files → statements → facts (replayed catalog, lock model) → policy input →
 * findings (severity overrides, waivers, fixes). Every file of a track is replayed in apply order
 * so the facts of a file know the schema it runs against; only the files in scope are evaluated.
 */
public final class CheckRunner {

  /** The file-level directives a phase file may carry; others are reported as input errors. */
  private static final List<String> VERBS = List.of("allow", "phase", BackfillOptions.VERB);

  private final Function<PolicySettings, PolicyEngine> engines;
  private final StatementParser parser = new StatementParser();
  private final CheckTimings timings = new CheckTimings();

  /**
   * @param engines the policy engine to use for a track's policy settings (the settings may name
   *     custom policies); called once per distinct settings
   */
  public CheckRunner(Function<PolicySettings, PolicyEngine> engines) {
    this.engines = engines;
  }

  public CheckTimings timings() {
    return timings;
  }

  /**
   * Replaces the lock model's facts of a file before the policies see them ({@code check --trace}).
   * Called with the file's path (as reported) and the static facts, one per statement; returns the
   * facts to evaluate, in the same order and number.
   */
  public interface FactsOverride {
    List<StatementFacts> facts(String path, List<StatementFacts> staticFacts);
  }

  private FactsOverride factsOverride;
  private Consumer<JsonNode> policyInputs;

  /**
   * Hands every evaluated file's policy input (docs/policy-input.md) to {@code sink}, in the order
   * evaluated ({@code check --policy-input}: for writing and timing policies with {@code opa
   * eval}); returns this runner.
   */
  public CheckRunner withPolicyInputs(Consumer<JsonNode> sink) {
    this.policyInputs = sink;
    return this;
  }

  /**
   * Evaluates policies on the facts {@code override} gives instead of the static ones; returns this
   * runner.
   */
  /** The override set by {@link #withFactsOverride}, or null. */
  public FactsOverride factsOverride() {
    return factsOverride;
  }

  public CheckRunner withFactsOverride(FactsOverride override) {
    this.factsOverride = override;
    return this;
  }

  private PhaseAnalyzer.Result overridden(String path, PhaseAnalyzer.Result analysis) {
    if (factsOverride == null) {
      return analysis;
    }
    List<StatementFacts> facts = factsOverride.facts(path, analysis.facts());
    if (facts.size() != analysis.facts().size()) {
      throw new CheckException(
          path
              + ": the facts override returned "
              + facts.size()
              + " facts for "
              + analysis.facts().size()
              + " statements");
    }
    return new PhaseAnalyzer.Result(facts, analysis.after(), analysis.createdRelations());
  }

  /** Checks a schemagate repository: every track, or with a base only the changed phase files. */
  public CheckResult check(MigrationRepository repo, CheckOptions options) {
    List<FileResult> results = new ArrayList<>();
    int reportedVersion = 0;
    for (Track track : repo.tracks().values()) {
      int pg = options.pgVersion() != null ? options.pgVersion() : track.config().pgVersion();
      reportedVersion = Math.max(reportedVersion, pg);
      List<PhaseFile> order = track.applyOrder();
      List<SplitFile> split =
          splitAll(order.stream().map(f -> new Source(f.repoPath(), f.text())).toList());
      ParseAhead parsed = new ParseAhead(split);
      PolicySettings policy = track.config().policy();
      Catalog catalog = new Catalog(track.config().defaultSchema());
      PhaseAnalyzer analyzer = new PhaseAnalyzer(pg);
      BaseComparison base = options.base();
      Evaluation pending = new Evaluation(policy);
      try {
        for (int i = 0; i < order.size(); i++) {
          PhaseFile file = order.get(i);
          List<ParsedStatement> statements = parsed.get(i);
          long t0 = System.nanoTime();
          PhaseAnalyzer.Result analysis = analyzer.run(statements, catalog);
          timings.add("analyze", System.nanoTime() - t0);
          Catalog before = catalog;
          catalog = analysis.after();
          if (base != null && !base.isChanged(file.path())) {
            continue;
          }
          PhaseOptions phase = phaseOptions(split.get(i), false, file.phase());
          var info =
              new PolicyInputBuilder.FileInfo(
                  file.repoPath(),
                  file.track(),
                  file.version(),
                  file.versionName(),
                  file.phase(),
                  phase.transactional());
          BaseFacts baseFacts = base == null ? BaseFacts.NOT_COMPARED : base.factsFor(file);
          pending.add(
              prepare(
                  info,
                  split.get(i),
                  overridden(file.repoPath(), analysis),
                  pg,
                  catalog.defaultSchema(),
                  policy,
                  baseFacts,
                  before));
        }
      } finally {
        parsed.cancel();
      }
      if (base != null) {
        // A deleted phase file that the base branch has is an applied file changed too: databases
        // that ran it keep its effects while the repository no longer says so.
        PhaseAnalyzer.Result nothing = analyzer.run(List.of(), catalog);
        BaseFacts deleted =
            new BaseFacts(true, true, true, false, base.maxVersionOnBase(track.config()), true);
        for (String path : base.removedFiles()) {
          Optional<PhasePath> p = PhasePath.of(track.config(), path);
          if (p.isPresent()) {
            var info =
                new PolicyInputBuilder.FileInfo(
                    path,
                    p.get().track(),
                    p.get().version(),
                    p.get().versionName(),
                    p.get().phase(),
                    true);
            pending.add(
                prepare(
                    info,
                    SqlSplitter.split(path, ""),
                    nothing,
                    pg,
                    catalog.defaultSchema(),
                    policy,
                    deleted,
                    catalog));
          }
        }
      }
      results.addAll(pending.results());
    }
    return new CheckResult(reportedVersion == 0 ? pgOrDefault(options) : reportedVersion, results);
  }

  /** Checks plain SQL files as one history, in the order given. */
  public CheckResult check(SqlFileSet files, CheckOptions options) {
    int pg = pgOrDefault(options);
    List<SqlFile> list = files.files();
    List<SplitFile> split =
        splitAll(list.stream().map(f -> new Source(f.displayPath(), f.text())).toList());
    ParseAhead parsed = new ParseAhead(split);
    Catalog catalog = new Catalog("public");
    PhaseAnalyzer analyzer = new PhaseAnalyzer(pg);
    Evaluation pending = new Evaluation(PolicySettings.DEFAULTS);
    try {
      for (int i = 0; i < list.size(); i++) {
        List<ParsedStatement> statements = parsed.get(i);
        long t0 = System.nanoTime();
        PhaseAnalyzer.Result analysis = analyzer.run(statements, catalog);
        timings.add("analyze", System.nanoTime() - t0);
        Catalog before = catalog;
        catalog = analysis.after();
        PhaseOptions phase = phaseOptions(split.get(i), true, null);
        // A plain file's transaction mode depends on its tool. Unless the file declares it (a
        // schemagate
        // directive or its own tool's marker): several statements run as one transaction (Flyway
        // wraps
        // each file; a multi-statement script sent as one query is one implicit transaction too),
        // and a
        // single statement's mode is unknown, so the rules that need it stay silent.
        Boolean transactional =
            phase.declared()
                ? Boolean.valueOf(phase.transactional())
                : split.get(i).statements().size() > 1 ? Boolean.TRUE : null;
        var info =
            new PolicyInputBuilder.FileInfo(
                list.get(i).displayPath(), null, null, null, null, transactional);
        pending.add(
            prepare(
                info,
                split.get(i),
                overridden(list.get(i).displayPath(), analysis),
                pg,
                "public",
                PolicySettings.DEFAULTS,
                BaseFacts.NOT_COMPARED,
                before));
      }
    } finally {
      parsed.cancel();
    }
    return new CheckResult(pg, pending.results());
  }

  private static int pgOrDefault(CheckOptions options) {
    return options.pgVersion() != null ? options.pgVersion() : CheckOptions.DEFAULT_PG_VERSION;
  }

  private record Source(String path, String text) {}

  private List<SplitFile> splitAll(List<Source> sources) {
    long t0 = System.nanoTime();
    List<SplitFile> out =
        sources.parallelStream().map(s -> SqlSplitter.split(s.path(), s.text())).toList();
    timings.add("split", System.nanoTime() - t0);
    return out;
  }

  /** Parses ahead on worker threads; a file no worker has started yet, the caller parses itself. */
  private static final ExecutorService PARSERS =
      Executors.newFixedThreadPool(
          Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
          r -> {
            Thread t = new Thread(r, "schemagate-parse");
            t.setDaemon(true);
            return t;
          });

  /**
   * The statements of a track's files, parsed on {@link #PARSERS} ahead of the caller, who replays
   * the catalog file by file meanwhile: parsing needs no catalog, the replay must go in order.
   */
  private final class ParseAhead {
    private final List<FutureTask<List<ParsedStatement>>> tasks = new ArrayList<>();

    ParseAhead(List<SplitFile> files) {
      for (SplitFile f : files) {
        FutureTask<List<ParsedStatement>> task = new FutureTask<>(() -> parser.parse(f));
        tasks.add(task);
        PARSERS.execute(task);
      }
    }

    List<ParsedStatement> get(int i) {
      long t0 = System.nanoTime();
      FutureTask<List<ParsedStatement>> task = tasks.get(i);
      task.run(); // parses here unless a worker has started it already
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CheckException("interrupted while parsing " + i + ". file");
      } catch (ExecutionException e) {
        // StatementParser.parse reports its own failures as unparsed statements; anything else is a
        // bug
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        timings.add("parse", System.nanoTime() - t0);
      }
    }

    /** Drops the files not parsed yet (the check stopped on an input error). */
    void cancel() {
      tasks.forEach(t -> t.cancel(false));
    }
  }

  /**
   * @param phase the phase of a repository file, null for a plain SQL file
   */
  private static PhaseOptions phaseOptions(SplitFile file, boolean plainFile, PhaseKind phase) {
    List<String> problems = new ArrayList<>(PhaseOptions.of(file).problems());
    for (Directive d : file.fileDirectives()) {
      directiveProblem(file.path(), d).ifPresent(problems::add);
    }
    for (SqlStatement s : file.statements()) {
      for (Directive d : s.directives()) {
        directiveProblem(file.path(), d).ifPresent(problems::add);
      }
    }
    problems.addAll(backfillProblems(file, phase));
    if (!problems.isEmpty()) {
      throw new CheckException(
          problems.get(0)
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    }
    return plainFile ? PhaseOptions.ofPlainFile(file) : PhaseOptions.of(file);
  }

  /**
   * A backfill directive that cannot be read, stands outside a backfill phase, or is not alone in
   * its file.
   */
  private static List<String> backfillProblems(SplitFile file, PhaseKind phase) {
    List<BackfillOptions.Parsed> parsed = BackfillOptions.of(file);
    if (parsed.isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    if (phase != null && phase != PhaseKind.BACKFILL) {
      problems.add(
          file.path()
              + ": -- schemagate:backfill belongs in a backfill.sql phase file (the runner batches only backfill phases)");
    }
    if (parsed.size() > 1) {
      problems.add(
          file.path()
              + ": "
              + parsed.size()
              + " -- schemagate:backfill directives; a backfill phase holds one batch statement");
    }
    parsed.forEach(p -> problems.addAll(p.problems()));
    return problems;
  }

  private static Optional<String> directiveProblem(String path, Directive d) {
    if (d.verb().equals("malformed")) {
      return Optional.of(
          path
              + ":"
              + d.line()
              + ": malformed schemagate directive: "
              + d.options().getOrDefault("raw", ""));
    }
    if (!VERBS.contains(d.verb())) {
      return Optional.of(
          path
              + ":"
              + d.line()
              + ": unknown schemagate directive '"
              + d.verb()
              + "' (known: "
              + String.join(", ", VERBS)
              + ")");
    }
    return Optional.empty();
  }

  /** A file whose facts are known, waiting for the policy evaluation. */
  private record Pending(
      PolicyInputBuilder.FileInfo info,
      SplitFile split,
      PhaseAnalyzer.Result analysis,
      JsonNode input,
      FixContext fixContext) {}

  /**
   * @param before the replayed catalog before the file, for the fixes
   */
  private Pending prepare(
      PolicyInputBuilder.FileInfo info,
      SplitFile split,
      PhaseAnalyzer.Result analysis,
      int pg,
      String defaultSchema,
      PolicySettings policy,
      BaseFacts base,
      Catalog before) {
    long t0 = System.nanoTime();
    JsonNode input = PolicyInputBuilder.build(info, pg, defaultSchema, policy, base, analysis);
    timings.add("input", System.nanoTime() - t0);
    if (policyInputs != null) {
      policyInputs.accept(input);
    }
    return new Pending(
        info,
        split,
        analysis,
        input,
        new FixContext(pg, before, info.track() == null, info.transactional(), policy));
  }

  /**
   * The files of one track on their way to the policies. The engine is asked for only once a
   * chunk's worth of statements ({@link PolicyEngine#CHUNK_STATEMENTS}) is known (in the CLI it is
   * still loading in the background while the first files are parsed); from then on each file's
   * input goes into the engine's {@link PolicyBatch} at once, whose workers evaluate complete
   * chunks while later files are analysed.
   */
  private final class Evaluation {
    private final PolicySettings policy;
    private final List<Pending> pending = new ArrayList<>();
    private PolicyBatch batch;
    private int weightWaiting;

    Evaluation(PolicySettings policy) {
      this.policy = policy;
    }

    void add(Pending p) {
      pending.add(p);
      if (batch != null) {
        batch.add(p.input());
        return;
      }
      weightWaiting += PolicyEngine.weight(p.input());
      if (weightWaiting >= PolicyEngine.CHUNK_STATEMENTS) {
        start();
      }
    }

    private void start() {
      long t0 = System.nanoTime();
      PolicyEngine engine = engines.apply(policy);
      timings.add("policy wait", System.nanoTime() - t0);
      batch = engine.batch();
      pending.forEach(p -> batch.add(p.input()));
    }

    List<FileResult> results() {
      if (pending.isEmpty()) {
        return List.of();
      }
      if (batch == null) {
        start();
      }
      long t1 = System.nanoTime();
      List<List<RawFinding>> raw = batch.finish();
      timings.add("evaluate", System.nanoTime() - t1);
      long t2 = System.nanoTime();
      List<FileResult> results = new ArrayList<>(pending.size());
      for (int i = 0; i < pending.size(); i++) {
        Pending p = pending.get(i);
        results.add(result(p.info(), p.split(), p.analysis(), policy, raw.get(i), p.fixContext()));
      }
      timings.add("findings", System.nanoTime() - t2);
      return results;
    }
  }

  private FileResult result(
      PolicyInputBuilder.FileInfo info,
      SplitFile split,
      PhaseAnalyzer.Result analysis,
      PolicySettings policy,
      List<RawFinding> raw,
      FixContext fixContext) {
    List<Finding> findings = new ArrayList<>();
    for (RawFinding r : raw) {
      Optional<Severity> severity = policy.severityFor(r.rule(), r.severity());
      if (severity.isEmpty()) {
        continue;
      }
      findings.add(toFinding(r, severity.get(), info.path(), split));
    }
    FileResult draft =
        new FileResult(
            info.path(),
            info.track(),
            info.version(),
            info.phase(),
            split.text(),
            analysis.facts(),
            findings);
    List<Finding> withFixes = Fixes.forFile(draft, fixContext);
    return new FileResult(
        info.path(),
        info.track(),
        info.version(),
        info.phase(),
        split.text(),
        analysis.facts(),
        withFixes);
  }

  private static Finding toFinding(RawFinding r, Severity severity, String path, SplitFile split) {
    Integer index = r.statementIndex();
    if (index == null || index < 0 || index >= split.statements().size()) {
      return new Finding(r.rule(), severity, path, 1, 1, r.message(), r.hint(), null, null, null);
    }
    SqlStatement s = split.statements().get(index);
    String waiver = null;
    for (Directive d : s.directives()) {
      String reason = d.options().get("reason");
      if (d.verb().equals("allow")
          && r.rule().equals(d.argument())
          && reason != null
          && !reason.isBlank()) {
        waiver = reason;
      }
    }
    // A waiver never silences the finding that reports a waiver without a reason.
    return new Finding(
        r.rule(), severity, path, s.line(), s.column(), r.message(), r.hint(), index, waiver, null);
  }
}
