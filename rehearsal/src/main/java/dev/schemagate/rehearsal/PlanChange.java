package dev.schemagate.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A listed query's plan before and after one phase, and what regressed: an index it used and no
 * longer uses, a new sequential scan on a table of at least {@code largeTableRows} rows (at full
 * scale), an estimated cost up by more than {@code costRatio}, or EXPLAIN failing after the phase.
 */
public record PlanChange(
    WorkloadQuery query, QueryPlan before, QueryPlan after, List<String> regressions) {

  public PlanChange {
    regressions = List.copyOf(regressions);
  }

  public static PlanChange compare(
      WorkloadQuery query,
      QueryPlan before,
      QueryPlan after,
      Map<String, Long> fullScaleRows,
      long largeTableRows,
      double costRatio) {
    List<String> out = new ArrayList<>();
    if (before.error() == null && after.error() != null) {
      out.add("EXPLAIN fails after the phase: " + after.error());
    } else if (before.error() == null) {
      for (String index : before.indexes()) {
        if (!after.indexes().contains(index)) {
          out.add("index " + index + " no longer used");
        }
      }
      for (String table : after.seqScans()) {
        long rows = fullScaleRows.getOrDefault(table, 0L);
        if (!before.seqScans().contains(table) && rows >= largeTableRows) {
          out.add(
              String.format(
                  Locale.ROOT, "sequential scan on %s (%,d rows at full scale)", table, rows));
        }
      }
      if (before.totalCost() > 0 && after.totalCost() > before.totalCost() * costRatio) {
        out.add(
            String.format(
                Locale.ROOT,
                "estimated cost %.2f → %.2f (over %.1fx)",
                before.totalCost(),
                after.totalCost(),
                costRatio));
      }
    }
    return new PlanChange(query, before, after, out);
  }

  public boolean regressed() {
    return !regressions.isEmpty();
  }
}
