package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.repo.Durations;
import dev.schemagate.runner.workload.WindowStats;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The figures of a rehearsal as a person reads them: one block per track, one row per phase, then
 * the plans.
 */
public final class RehearsalSummary {

  private RehearsalSummary() {}

  public static void write(Rehearsal.Result result, RehearsalOptions options, PrintWriter out) {
    out.println(
        "rehearsal of "
            + result.changes().description()
            + "; scale "
            + options.scale()
            + ", "
            + options.clients()
            + " clients");
    if (result.tracks().isEmpty()) {
      out.println("nothing to rehearse: no version changed");
    }
    for (TrackRehearsal t : result.tracks()) {
      out.println();
      out.println(
          "track "
              + t.track()
              + ": PostgreSQL "
              + t.serverVersion()
              + " embedded ("
              + t.settings()
              + ")");
      out.println(
          "  base replayed by the runner: "
              + (t.replayed().isEmpty() ? "nothing" : String.join(", ", t.replayed())));
      t.filled().forEach(f -> out.println("  " + f));
      out.println("  workload: " + t.queries().size() + " queries");
      t.queries()
          .forEach(q -> out.println("    " + q.source() + ": " + q.sql().replaceAll("\\s+", " ")));
      WindowStats b = t.baseline();
      out.printf(
          Locale.ROOT,
          "  baseline: %d queries in %.1f s, p50 %.2f ms, p99 %.2f ms, longest stall %.1f ms, %d failed%n",
          b.queries(),
          b.length().toNanos() / 1e9,
          ms(b.p50()),
          ms(b.p99()),
          ms(b.longestStall()),
          b.errors());
      out.println(
          "  baseline lock wait (workload queries waiting for each other): "
              + Durations.format(t.baselineLockWait()));
      out.printf(
          Locale.ROOT,
          "  %-24s %8s %9s %9s %8s %8s %8s %7s %11s %9s %9s%n",
          "phase",
          "took",
          "lock wait",
          "stall ms",
          "p50 ms",
          "p99 ms",
          "p99/base",
          "failed",
          "backfill/s",
          "took@full",
          "wait@full");
      for (PhaseResult p : t.phases()) {
        WindowStats d = p.during();
        out.printf(
            Locale.ROOT,
            "  %-24s %8s %9s %9.1f %8.2f %8.2f %7.1fx %7d %11s %9s %9s%s%n",
            p.label(),
            Durations.format(p.duration()),
            Durations.format(p.lockWait()),
            ms(d.longestStall()),
            ms(d.p50()),
            ms(d.p99()),
            RehearsalFindings.ratio(d.p99(), b.p99()),
            d.errors(),
            p.backfillRate().map(r -> String.format(Locale.ROOT, "%,.0f", r)).orElse("-"),
            Durations.format(p.fullScaleDuration()),
            Durations.format(p.fullScaleLockWait()) + (p.rowBound() ? "*" : " "),
            p.failure().map(f -> "  FAILED: " + f).orElse(""));
        d.firstErrors().forEach(e -> out.println("      failed query: " + e));
      }
      out.println(
          "  * row-bound: the phase blocks the workload while it works through the rows; its lock wait is extrapolated"
              + " (the baseline's plus the excess over the scale). The others' lock waits do not grow with the rows.");
      out.println("  plans (EXPLAIN before → after each phase):");
      for (PhaseResult p : t.phases()) {
        for (PlanChange c : p.plans()) {
          String before = c.before().summary();
          String after = c.after().summary();
          if (before.equals(after) && !c.regressed()) {
            continue;
          }
          out.println(
              "    "
                  + p.label()
                  + ", "
                  + c.query().source()
                  + ": "
                  + before
                  + " → "
                  + after
                  + (c.regressed() ? "  REGRESSION: " + String.join("; ", c.regressions()) : ""));
        }
      }
      out.println("    (unchanged plans are not listed)");
    }
    out.flush();
  }

  private static double ms(java.time.Duration d) {
    return d.toNanos() / 1e6;
  }
}
