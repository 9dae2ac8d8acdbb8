package dev.schemagate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.fix.FixApplier;
import dev.schemagate.analyzer.policy.RuleCatalog;
import dev.schemagate.analyzer.repo.BaseComparison;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.SchemagateConfig;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.analyzer.report.Reporter;
import dev.schemagate.analyzer.report.Reporters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Analyze migrations: the locks each statement takes on the target PostgreSQL version, and the policy findings.",
      "Without PATH: the schemagate repository (schemagate.yaml) in --repo. With PATH: plain SQL files or folders,"
          + " taken in path order as one history (a single folder holding a schemagate.yaml is taken as the repository)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no error-level finding", "1:error-level findings", "2:usage or input error"})
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json, sarif, github or markdown (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--pg-version",
      paramLabel = "N",
      description =
          "PostgreSQL major version (14-18); overrides schemagate.yaml (plain files default to "
              + CheckOptions.DEFAULT_PG_VERSION
              + ")")
  Integer pgVersion;

  @Option(
      names = "--base",
      paramLabel = "REF",
      description =
          "Only what changed since the merge base with REF (a Git ref), plus the rules that compare with it")
  String base;

  @Option(
      names = "--repo",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "The schemagate repository (default: the current directory)")
  Path repo;

  @Option(
      names = "--fix",
      description = "Apply the mechanical fixes in place, then report what remains")
  boolean fix;

  @Option(
      names = "--color",
      negatable = true,
      description = "Colour the text output (default: when stdout is a terminal)")
  Boolean color;

  @Option(
      names = "--trace",
      description =
          "Evaluate the policies on facts traced on an embedded PostgreSQL"
              + " (see 'schemagate trace') instead of the static lock model's")
  boolean trace;

  @Option(
      names = "--syntax",
      description =
          "Also check every statement with PostgreSQL's own grammar (the track's"
              + " version, on an embedded server: a few seconds to start); a statement it rejects is a compat/unsupported-syntax"
              + " error")
  boolean syntax;

  @Option(names = "--timings", description = "Print where the time went to stderr")
  boolean timings;

  @Option(
      names = "--policy-input",
      paramLabel = "FILE",
      description =
          "Also write the policy input of every checked file to FILE, as {\"files\": [...]} (the input of"
              + " schemagate/batch_findings; one element is the input of schemagate/findings), for opa eval")
  Path policyInput;

  /** The stage timings of the last pipeline run, for --timings. */
  private java.util.Map<String, Long> lastTimings = java.util.Map.of();

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "SQL files or folders")
  List<Path> paths = List.of();

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Reporter reporter =
        Reporters.forFormat(format, colour(), new Version().getVersion()[0], DocLinks.defaults());
    if (pgVersion != null
        && (pgVersion < SchemagateConfig.MIN_PG_VERSION
            || pgVersion > SchemagateConfig.MAX_PG_VERSION)) {
      throw new IllegalArgumentException("--pg-version " + pgVersion + " is not supported (14-18)");
    }
    // `check examples/shop` means the repository there, not its SQL files as one plain history.
    if (paths.size() == 1
        && Files.isRegularFile(paths.get(0).resolve(SchemagateConfig.FILE_NAME))) {
      repo = paths.get(0);
      paths = List.of();
    }
    PolicyEngines engines = new PolicyEngines();
    CheckResult result = run(engines);
    if (fix) {
      FixApplier applier = new FixApplier(paths.isEmpty() ? repo : Path.of("."));
      List<Path> changed = applier.apply(result);
      long refused =
          result.files().stream()
              .flatMap(f -> f.findings().stream())
              .filter(f -> f.fix() != null && f.fix().refused() && !f.waived())
              .count();
      spec.commandLine()
          .getErr()
          .println(
              "schemagate: fixed "
                  + changed.size()
                  + " file(s)"
                  + (changed.isEmpty() ? "" : ": " + changed)
                  + (refused == 0
                      ? ""
                      : "; "
                          + refused
                          + " rewrite(s) refused because they would not run there (each finding"
                          + " says why after 'no fix:'; run schemagate check to see them)"));
      if (!changed.isEmpty()) {
        result = run(engines);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    reporter.write(result, RuleCatalog.bundled().all(), out);
    out.flush();
    if (timings) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "timings (ms): "
              + lastTimings
              + ", policy load "
              + engines.loadMillis()
              + ", total "
              + (System.nanoTime() - start) / 1_000_000);
    }
    return result.failed() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private CheckResult run(PolicyEngines engines) throws IOException {
    if (!syntax) {
      return run(engines, null);
    }
    try (dev.schemagate.trace.SyntaxCheck check =
        new dev.schemagate.trace.SyntaxCheck(this::pgVersionOf)) {
      CheckResult result = run(engines, check);
      spec.commandLine()
          .getErr()
          .println(
              "schemagate: PostgreSQL's grammar checked "
                  + check.checked()
                  + " statement(s)"
                  + (check.unchecked() == 0
                      ? ""
                      : "; "
                          + check.unchecked()
                          + " it cannot check in a function body (BEGIN, FETCH,"
                          + " SELECT … INTO, …) were left to the recognizer"));
      return result;
    }
  }

  /**
   * The PostgreSQL major version a file is checked against: --pg-version, its track's, or the
   * default.
   */
  private int pgVersionOf(String path) {
    if (pgVersion != null) {
      return pgVersion;
    }
    if (trackVersions == null) {
      trackVersions = new java.util.HashMap<>();
      if (paths.isEmpty()) {
        for (dev.schemagate.analyzer.repo.Track t :
            MigrationRepository.load(repo).tracks().values()) {
          t.applyOrder().forEach(f -> trackVersions.put(f.repoPath(), t.config().pgVersion()));
        }
      }
    }
    return trackVersions.getOrDefault(path, CheckOptions.DEFAULT_PG_VERSION);
  }

  private java.util.Map<String, Integer> trackVersions;

  private CheckResult run(PolicyEngines engines, dev.schemagate.trace.SyntaxCheck syntaxCheck)
      throws IOException {
    CheckRunner runner = new CheckRunner(engines::forSettings);
    List<JsonNode> inputs = new ArrayList<>();
    if (policyInput != null) {
      runner.withPolicyInputs(inputs::add);
    }
    if (trace) {
      dev.schemagate.trace.Tracer.Report report;
      try (dev.schemagate.trace.Tracer tracer = new dev.schemagate.trace.Tracer()) {
        report =
            paths.isEmpty()
                ? tracer.trace(MigrationRepository.load(repo), pgVersion)
                : tracer.trace(
                    SqlFileSet.of(paths),
                    pgVersion != null ? pgVersion : CheckOptions.DEFAULT_PG_VERSION);
      } catch (java.sql.SQLException e) {
        throw new IllegalArgumentException("trace failed: " + e.getMessage(), e);
      }
      for (String p : report.problems()) {
        spec.commandLine().getErr().println("schemagate trace: " + p);
      }
      runner.withFactsOverride(new dev.schemagate.trace.TracedFacts(report)::facts);
    }
    if (syntaxCheck != null) {
      CheckRunner.FactsOverride before = trace ? runner.factsOverride() : null;
      runner.withFactsOverride(
          (path, facts) ->
              syntaxCheck.facts(path, before == null ? facts : before.facts(path, facts)));
    }
    engines.preload();
    BaseComparison comparison =
        base == null ? null : BaseComparison.of(paths.isEmpty() ? repo : Path.of("."), base);
    CheckOptions options = new CheckOptions(pgVersion, comparison);
    CheckResult result;
    if (paths.isEmpty()) {
      if (!Files.isRegularFile(repo.resolve(SchemagateConfig.FILE_NAME))) {
        throw new IllegalArgumentException(
            repo.resolve(SchemagateConfig.FILE_NAME)
                + " not found: run inside a schemagate repository, pass --repo DIR, or give SQL files as PATH");
      }
      MigrationRepository repository = MigrationRepository.load(repo);
      // The runner's section too: what plan would refuse must not pass check.
      dev.schemagate.cli.runner.RolloutSection.validate(repository.config());
      result = runner.check(repository, options);
    } else {
      result = runner.check(SqlFileSet.of(paths), options);
    }
    lastTimings = runner.timings().millis();
    if (policyInput != null) {
      writePolicyInput(inputs);
    }
    return result;
  }

  private void writePolicyInput(List<JsonNode> inputs) throws IOException {
    var mapper = new ObjectMapper();
    var root = mapper.createObjectNode();
    root.putArray("files").addAll(inputs);
    Path parent = policyInput.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(policyInput, mapper.writeValueAsString(root) + "\n");
  }

  private boolean colour() {
    if (color != null) {
      return color;
    }
    return System.console() != null && System.getenv("NO_COLOR") == null;
  }
}
