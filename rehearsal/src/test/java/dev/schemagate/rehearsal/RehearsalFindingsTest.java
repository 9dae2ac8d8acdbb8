package dev.schemagate.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.RehearsalBudgets;
import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.analyzer.report.Reporters;
import dev.schemagate.runner.workload.WindowStats;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Budgets held to a phase's figures, and the findings in every report format of check. */
class RehearsalFindingsTest {

  static WindowStats window(String name, long p99Ms, long stallMs) {
    return new WindowStats(
        name,
        Duration.ofSeconds(1),
        100,
        0,
        Duration.ofMillis(1),
        Duration.ofMillis(p99Ms),
        Duration.ofMillis(p99Ms),
        Duration.ofMillis(stallMs),
        Duration.ZERO,
        List.of());
  }

  static PhaseResult phase(Duration lockWait, Duration fullScale, boolean rowBound, long p99Ms) {
    PhaseFile file =
        new PhaseFile(
            "app",
            2,
            "fill",
            PhaseKind.EXPAND,
            Path.of("expand.sql"),
            "migrations/app/0002_fill/expand.sql",
            "UPDATE items SET amount = total;\n",
            "x");
    return new PhaseResult(
        file,
        Duration.ofSeconds(1),
        window("app@2 expand", p99Ms, lockWait.toMillis()),
        lockWait,
        false,
        rowBound,
        Optional.empty(),
        Duration.ofSeconds(100),
        fullScale,
        List.of(),
        Optional.empty());
  }

  static TrackRehearsal track(PhaseResult p) {
    return new TrackRehearsal(
        "app",
        "17.11",
        "fsync=on",
        List.of(),
        List.of(),
        List.of(),
        window("baseline", 10, 5),
        Duration.ZERO,
        List.of(p));
  }

  static final RehearsalBudgets BUDGETS =
      new RehearsalBudgets(
          Optional.of(Duration.ofSeconds(2)), Optional.of(3.0), Severity.WARNING, 2.0, 10_000);

  @Test
  void theFullScaleLockWaitIsHeldToMaxStallAndP99ToItsRatio() {
    PhaseResult over = phase(Duration.ofMillis(300), Duration.ofSeconds(30), true, 40);
    List<Finding> f = RehearsalFindings.findings(over, track(over), BUDGETS, 0.01);
    assertEquals(
        List.of(RehearsalRules.STALL, RehearsalRules.P99), f.stream().map(Finding::rule).toList());
    assertEquals(
        "app@2 expand makes workload queries wait 30s for its locks at full scale (300ms measured at scale 0.01),"
            + " over rehearsal.max_stall 2s",
        f.get(0).message());
    assertEquals(
        "app@2 expand raises the workload's p99 to 40.0 ms, 4.0x the baseline's 10.0 ms, over rehearsal.max_p99_ratio 3.0",
        f.get(1).message());

    PhaseResult within = phase(Duration.ofMillis(300), Duration.ofMillis(300), false, 30);
    assertEquals(List.of(), RehearsalFindings.findings(within, track(within), BUDGETS, 0.01));
    assertEquals(
        List.of(),
        RehearsalFindings.findings(over, track(over), RehearsalBudgets.DEFAULTS, 0.01),
        "no budget, no finding");
  }

  @Test
  void everyReportFormatOfCheckWritesTheFindings() throws Exception {
    PhaseResult over = phase(Duration.ofMillis(300), Duration.ofSeconds(30), true, 40);
    var result =
        new dev.schemagate.analyzer.check.CheckResult(
            17,
            List.of(
                new dev.schemagate.analyzer.check.FileResult(
                    over.file().repoPath(),
                    "app",
                    2,
                    PhaseKind.EXPAND,
                    over.file().text(),
                    List.of(),
                    RehearsalFindings.findings(over, track(over), BUDGETS, 0.01))));
    assertTrue(result.failed());
    for (String format : Reporters.FORMATS) {
      StringWriter out = new StringWriter();
      Reporters.forFormat(format, false, "test", DocLinks.defaults())
          .write(result, RehearsalRules.ALL, out);
      assertTrue(out.toString().contains("rehearsal/stall-budget"), format + ":\n" + out);
      assertTrue(
          out.toString().contains("migrations/app/0002_fill/expand.sql"), format + ":\n" + out);
    }
  }
}
