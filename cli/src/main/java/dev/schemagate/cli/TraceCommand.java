package dev.schemagate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.SchemagateConfig;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.analyzer.report.StatementJson;
import dev.schemagate.trace.TracedStatement;
import dev.schemagate.trace.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "Execute migrations on a throw-away embedded PostgreSQL of the track's major version and report what each"
          + " statement really did: relation locks (pg_locks), rewrite, scan, transactional, duration.",
      "Without PATH: the schemagate repository in --repo. With PATH: plain SQL files or folders, in path order."
          + " Never connects to a database it did not start."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:traced (with --compare: model and PostgreSQL agree)",
      "1:--compare found disagreements",
      "2:usage or input error"
    })
final class TraceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--pg-version",
      paramLabel = "N",
      description =
          "PostgreSQL major version (14-18); overrides schemagate.yaml (plain files default to "
              + CheckOptions.DEFAULT_PG_VERSION
              + ")")
  Integer pgVersion;

  @Option(
      names = "--compare",
      description = "List every statement where the static lock model and the trace disagree")
  boolean compare;

  @Option(
      names = "--format",
      defaultValue = "json",
      paramLabel = "FORMAT",
      description =
          "json (the statements, as check --format json) or text (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--repo",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "The schemagate repository (default: the current directory)")
  Path repo;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "SQL files or folders")
  List<Path> paths = List.of();

  @Override
  public Integer call() throws Exception {
    if (pgVersion != null
        && (pgVersion < SchemagateConfig.MIN_PG_VERSION
            || pgVersion > SchemagateConfig.MAX_PG_VERSION)) {
      throw new IllegalArgumentException("--pg-version " + pgVersion + " is not supported (14-18)");
    }
    if (!format.equals("json") && !format.equals("text")) {
      throw new IllegalArgumentException(
          "--format " + format + " is not supported for trace (json or text)");
    }
    Tracer.Report report;
    try (Tracer tracer = new Tracer()) {
      if (paths.isEmpty()) {
        if (!Files.isRegularFile(repo.resolve(SchemagateConfig.FILE_NAME))) {
          throw new IllegalArgumentException(
              repo.resolve(SchemagateConfig.FILE_NAME)
                  + " not found: run inside a schemagate repository, pass --repo DIR, or give SQL files as PATH");
        }
        report = tracer.trace(MigrationRepository.load(repo), pgVersion);
      } else {
        report =
            tracer.trace(
                SqlFileSet.of(paths),
                pgVersion != null ? pgVersion : CheckOptions.DEFAULT_PG_VERSION);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String p : report.problems()) {
      err.println("schemagate trace: " + p);
    }
    if (format.equals("json")) {
      writeJson(report, out);
    } else {
      writeText(report, out);
    }
    out.flush();
    return compare && report.disagreements() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private void writeText(Tracer.Report report, PrintWriter out) {
    for (Tracer.FileTrace file : report.files()) {
      for (Tracer.Entry e : file.statements()) {
        if (compare && !compared(e)) {
          continue;
        }
        StatementFacts f = e.traced().facts();
        out.println(
            file.path()
                + ":"
                + f.statement().source().line()
                + ": "
                + firstLine(f.statement().source().text()));
        if (compare) {
          e.differences().forEach(d -> out.println("  - " + d));
          e.dependent().forEach(d -> out.println("  ~ " + d));
        } else {
          out.println(
              "  locks "
                  + f.locks().stream().map(l -> l.relation() + " " + l.mode().pgName()).toList()
                  + (!e.traced().locksObserved() ? " (not observable)" : "")
                  + ", rewrite "
                  + f.rewrite()
                  + ", scan "
                  + f.scan()
                  + ", transactional "
                  + f.transactional()
                  + ", "
                  + e.traced().durationNanos() / 1_000_000
                  + " ms"
                  + (f.versionError() != null ? ", rejected: " + f.versionError() : "")
                  + (e.traced().failed() ? ", failed: " + e.traced().error() : ""));
        }
      }
    }
    out.println(summary(report));
  }

  /**
   * What --compare lists: statements PostgreSQL ran whose facts differ from the model's in any way.
   */
  private static boolean compared(Tracer.Entry e) {
    return !e.traced().failed() && (!e.differences().isEmpty() || !e.dependent().isEmpty());
  }

  private static String summary(Tracer.Report report) {
    return "PostgreSQL "
        + report.pgVersion()
        + ": "
        + report.traced()
        + " statements traced, "
        + report.failed()
        + " failed, "
        + report.unmodelled()
        + " not modelled (DO, CALL, unparsed), "
        + report.disagreements()
        + " disagree with the static model, "
        + report.dependent()
        + " differ only where it depends on the rows,"
        + " the session or the database";
  }

  private void writeJson(Tracer.Report report, PrintWriter out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      g.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
      g.writeStartObject();
      g.writeNumberField("pg_version", report.pgVersion());
      g.writeArrayFieldStart("statements");
      for (Tracer.FileTrace file : report.files()) {
        for (Tracer.Entry e : file.statements()) {
          if (compare && !compared(e)) {
            continue;
          }
          writeStatement(g, file, e);
        }
      }
      g.writeEndArray();
      StatementJson.writeStrings(g, "problems", report.problems());
      g.writeObjectFieldStart("summary");
      g.writeNumberField("traced", report.traced());
      g.writeNumberField("failed", report.failed());
      g.writeNumberField("unmodelled", report.unmodelled());
      g.writeNumberField("disagreements", report.disagreements());
      g.writeNumberField("dependent", report.dependent());
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write("\n");
  }

  private void writeStatement(JsonGenerator g, Tracer.FileTrace file, Tracer.Entry e)
      throws IOException {
    TracedStatement t = e.traced();
    StatementFacts s = t.facts();
    g.writeStartObject();
    g.writeStringField("path", file.path());
    g.writeNumberField("line", s.statement().source().line());
    g.writeStringField("kind", s.statement().kindId());
    StatementJson.writeLocks(g, s, t.relationKinds());
    g.writeBooleanField("locks_observed", t.locksObserved());
    g.writeBooleanField("rewrite", s.rewrite());
    g.writeBooleanField("scan", s.scan());
    g.writeBooleanField("transactional", s.transactional());
    g.writeStringField("version_error", s.versionError());
    g.writeStringField("error", t.error());
    g.writeNumberField("duration_ms", t.durationNanos() / 1_000_000.0);
    StatementJson.writeStrings(g, "notes", s.notes());
    g.writeBooleanField("modelled", e.modelled());
    StatementJson.writeStrings(g, "differences", e.differences());
    StatementJson.writeStrings(g, "dependent", e.dependent());
    StatementJson.writePhaseContext(g, file.track(), file.version(), file.phase());
    g.writeEndObject();
  }

  private static String firstLine(String text) {
    String line = text.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl) + " …";
  }
}
