package dev.schemagate.cli.runner;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.analyzer.report.Reporters;
import dev.schemagate.cli.ExitCodes;
import dev.schemagate.cli.Version;
import dev.schemagate.drift.Drift;
import dev.schemagate.drift.DriftCheck;
import dev.schemagate.drift.DriftFindings;
import dev.schemagate.drift.DriftMetrics;
import dev.schemagate.drift.DriftReport;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.approval.PolicyEngines;
import dev.schemagate.runner.db.JdbcDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description =
        "Compare the database's schema with what Git says should be there: the phases its history says are"
            + " applied, replayed on an embedded PostgreSQL of the same major version. Reads the database only.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no drift",
      "1:drift: objects missing, extra or different",
      "2:usage, input or connection error"
    })
public final class DriftCommand extends RunnerCommand {

  @Mixin RunnerOptions db;

  @Option(
      names = "--repo",
      defaultValue = ".",
      paramLabel = "PATH_OR_URL",
      description =
          "The schemagate repository whose applied files the history names: a folder (its working tree is"
              + " read), or a Git URL to clone, as apply takes it (default: .)")
  String repo;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description =
          "Read the files of this commit (branch, tag or id) instead of the working tree; with a URL, the"
              + " default is the protected branch named in schemagate.yaml, as for apply")
  String ref;

  @Option(
      names = "--git-password-file",
      paramLabel = "FILE",
      description =
          "For an HTTPS --repo URL: a file whose first line is the password or token, as apply takes it")
  Path gitPasswordFile;

  @Option(names = "--track", paramLabel = "TRACK", description = "Report only this track's objects")
  String track;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json, sarif, github or markdown (default: text)")
  String format;

  @Option(
      names = "--metrics-file",
      paramLabel = "FILE",
      description =
          "Also write the schemagate_drift_objects{track,kind} gauge there (Prometheus text format, for a textfile collector)")
  Path metricsFile;

  @Override
  int run(PrintWriter out) throws Exception {
    if (!Reporters.FORMATS.contains(format)) {
      throw new IllegalArgumentException(
          "--format " + format + ": unknown; use one of " + String.join(", ", Reporters.FORMATS));
    }
    MigrationRepository repository = repository();
    if (track != null && !repository.tracks().containsKey(track)) {
      throw new IllegalArgumentException(
          "--track "
              + track
              + ": no such track in "
              + repo
              + "; tracks: "
              + String.join(", ", repository.tracks().keySet()));
    }
    JdbcDatabase database = db.database();
    DriftReport report = new DriftCheck().run(database, repository);
    if (track != null) {
      report = report.forTrack(track);
    }
    if (metricsFile != null) {
      writeAtomically(metricsFile, DriftMetrics.prometheus(report, Instant.now().getEpochSecond()));
    }
    if (format.equals("text")) {
      text(report, out);
    } else {
      CheckResult result = DriftFindings.of(report, repository);
      Reporters.forFormat(format, false, new Version().getVersion()[0], DocLinks.defaults())
          .write(result, DriftFindings.RULES, out);
    }
    out.flush();
    return report.drifted() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /**
   * A folder without --ref: its working tree, so a hand-made clone or a checkout in a CI job is
   * read as it is. A URL or a --ref: the commit, read from Git as apply reads it (approved against
   * the protected branch), which is what the chart's CronJob runs against.
   */
  private MigrationRepository repository() {
    if (ref == null && !CommitSource.isUrl(repo)) {
      return MigrationRepository.load(Path.of(repo));
    }
    try (CommitSource source = RepoOptions.open(repo, gitPasswordFile)) {
      return source.approve(Optional.ofNullable(ref), new PolicyEngines()).repository();
    }
  }

  private void text(DriftReport report, PrintWriter out) {
    out.println(
        "drift of "
            + report.database()
            + " (PostgreSQL "
            + report.pgMajor()
            + ") against "
            + report.replayed().size()
            + " applied phase(s) of "
            + repo
            + ", replayed on an embedded PostgreSQL "
            + report.pgMajor());
    out.println(
        "compared schemas "
            + String.join(", ", report.schemas())
            + ": "
            + report.compared()
            + " objects expected");
    for (String t : report.tracks()) {
      out.println();
      out.println("track " + t + ": " + DriftReport.countLine(report.of(t)));
      for (Drift d : report.of(t)) {
        out.println("  " + d.kind().rule() + "  " + d.message());
        out.println("    hint: " + d.hint());
      }
    }
    out.println();
    out.println(DriftReport.countLine(report.drifts()));
  }

  private static void writeAtomically(Path file, String text) {
    try {
      Path abs = file.toAbsolutePath();
      Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "--metrics-file " + file + ": cannot be written (" + e.getMessage() + ")", e);
    }
  }
}
