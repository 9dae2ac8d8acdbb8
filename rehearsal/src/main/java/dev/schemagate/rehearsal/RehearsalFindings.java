package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.repo.Durations;
import dev.schemagate.analyzer.repo.RehearsalBudgets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rehearsal's figures held to the repository's {@code rehearsal:} budgets, as findings on the
 * phase files, in a {@link CheckResult} so that every report format of {@code check} writes them.
 */
public final class RehearsalFindings {

  private RehearsalFindings() {}

  public static CheckResult of(Rehearsal.Result result, double scale) {
    RehearsalBudgets budgets = result.repository().config().rehearsal();
    List<FileResult> files = new ArrayList<>();
    int pg = 0;
    for (TrackRehearsal t : result.tracks()) {
      pg = result.repository().track(t.track()).config().pgVersion();
      for (PhaseResult p : t.phases()) {
        files.add(
            new FileResult(
                p.file().repoPath(),
                p.file().track(),
                p.file().version(),
                p.file().phase(),
                p.file().text(),
                List.of(),
                findings(p, t, budgets, scale)));
      }
    }
    return new CheckResult(pg == 0 ? 17 : pg, files);
  }

  static List<Finding> findings(
      PhaseResult p, TrackRehearsal t, RehearsalBudgets budgets, double scale) {
    List<Finding> out = new ArrayList<>();
    String path = p.file().repoPath();
    if (p.failure().isPresent()) {
      out.add(
          finding(
              RehearsalRules.FAILED,
              Severity.ERROR,
              path,
              p.label() + " failed on the rehearsal database: " + p.failure().get(),
              "run the phase with schemagate apply on a copy of the data to see the whole error; the later phases were not rehearsed"));
    }
    if (budgets.maxStall().isPresent()
        && p.fullScaleLockWait().compareTo(budgets.maxStall().get()) > 0) {
      out.add(
          finding(
              RehearsalRules.STALL,
              Severity.ERROR,
              path,
              String.format(
                  Locale.ROOT,
                  "%s makes workload queries wait %s for its locks at full scale (%s measured at scale %s%s), over rehearsal.max_stall %s",
                  p.label(),
                  Durations.format(p.fullScaleLockWait()),
                  Durations.format(p.lockWait()),
                  scale,
                  p.rowBound() ? "" : ", not extrapolated: its locks do not grow with the rows",
                  Durations.format(budgets.maxStall().get())),
              !p.rowBound() && p.batched()
                  ? "lower the backfill's target batch time (-- schemagate:backfill target=…) so each batch holds its row locks shorter"
                  : "move the data change into a batched backfill (-- schemagate:backfill table=… key=…, docs/runner-backfill.md)"
                      + " or the DDL to a form that does not block writes"));
    }
    if (budgets.maxP99Ratio().isPresent()) {
      double ratio = ratio(p.during().p99(), t.baseline().p99());
      if (ratio > budgets.maxP99Ratio().get()) {
        out.add(
            finding(
                RehearsalRules.P99,
                Severity.ERROR,
                path,
                String.format(
                    Locale.ROOT,
                    "%s raises the workload's p99 to %.1f ms, %.1fx the baseline's %.1f ms, over rehearsal.max_p99_ratio %s",
                    p.label(),
                    ms(p.during().p99()),
                    ratio,
                    ms(t.baseline().p99()),
                    budgets.maxP99Ratio().get()),
                "find the statement that holds locks for long in the phase (schemagate trace) and batch it or make it concurrent"));
      }
    }
    for (PlanChange c : p.plans()) {
      if (c.regressed()) {
        out.add(
            finding(
                RehearsalRules.PLAN,
                budgets.planRegression(),
                path,
                String.format(
                    Locale.ROOT,
                    "after %s the plan of %s regressed: %s; now %s",
                    p.label(),
                    c.query().source(),
                    String.join("; ", c.regressions()),
                    c.after().summary()),
                hint(c)));
      }
    }
    return out;
  }

  /** The one thing to do next, for what regressed. */
  private static String hint(PlanChange c) {
    boolean indexOrScan =
        c.regressions().stream()
            .anyMatch(r -> r.startsWith("index ") || r.startsWith("sequential scan"));
    if (indexOrScan) {
      return "keep the index the query uses, or change the query in the same release";
    }
    if (c.after().error() != null) {
      return "change the query before this phase runs: it no longer plans against the new schema";
    }
    return "the same plan costs more: after an UPDATE of many rows the table holds dead row versions until vacuum;"
        + " run VACUUM ANALYZE on it before the next phase, or raise rehearsal.plan_cost_ratio";
  }

  private static Finding finding(
      String rule, Severity severity, String path, String message, String hint) {
    return new Finding(rule, severity, path, 1, 1, message, hint, null, null, null);
  }

  static double ratio(Duration during, Duration baseline) {
    return during.toNanos() / (double) Math.max(1, baseline.toNanos());
  }

  static double ms(Duration d) {
    return d.toNanos() / 1e6;
  }
}
