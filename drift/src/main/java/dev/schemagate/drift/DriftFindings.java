package dev.schemagate.drift;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.repo.MigrationRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * A drift report in the analyzer's report shape, so every format {@code check} has (JSON, SARIF,
 * GitHub annotations, pull-request markdown) carries it: one error-level finding per drifted
 * object, rule {@code drift/missing|extra|different}, located at the folder of the track it is
 * reported under (the object has no line in Git, or is missing from the database).
 */
public final class DriftFindings {

  public static final String DOC = "docs/drift.md";

  public static final List<RuleInfo> RULES =
      List.of(
          new RuleInfo(
              DriftKind.MISSING.rule(),
              Severity.ERROR,
              "an object the applied phases create is not in the database",
              DOC),
          new RuleInfo(
              DriftKind.EXTRA.rule(),
              Severity.ERROR,
              "the database has an object no applied phase creates",
              DOC),
          new RuleInfo(
              DriftKind.DIFFERENT.rule(),
              Severity.ERROR,
              "an object differs from what the applied phases create",
              DOC));

  private DriftFindings() {}

  public static CheckResult of(DriftReport report, MigrationRepository repo) {
    List<FileResult> files = new ArrayList<>();
    for (String track : report.tracks()) {
      String folder = repo.track(track).config().folder().toString().replace('\\', '/');
      List<Finding> findings = new ArrayList<>();
      for (Drift d : report.of(track)) {
        findings.add(
            new Finding(
                d.kind().rule(),
                Severity.ERROR,
                folder,
                1,
                1,
                d.message(),
                d.hint(),
                null,
                null,
                null));
      }
      files.add(new FileResult(folder, track, null, null, "", List.of(), findings));
    }
    return new CheckResult(report.pgMajor(), files);
  }
}
