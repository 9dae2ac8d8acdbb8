package dev.schemagate.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code schemagate rehearse} was asked to do.
 *
 * @param rows table name (plain or schema-qualified) → rows at full scale ({@code --rows
 *     orders=1000000})
 * @param scale the share of those rows actually inserted (0 < scale ≤ 1); durations are
 *     extrapolated by 1/scale
 * @param defaultRows rows at full scale of a table neither {@code --rows} nor the stats file names
 * @param base the ref whose merge base with HEAD is the replayed history (empty: the protected
 *     branch)
 * @param queries a file of SQL queries with {@code $n} parameters (empty: the stats file's top
 *     queries, or the default workload)
 * @param stats a stats file of {@code schemagate stats} (empty: --rows and defaults only)
 * @param clients the workload's concurrent clients
 * @param baseline how long the baseline window lasts
 */
public record RehearsalOptions(
    Path repo,
    Optional<String> base,
    Map<String, Long> rows,
    double scale,
    long defaultRows,
    Optional<Path> queries,
    Optional<Path> stats,
    int clients,
    Duration baseline) {

  public RehearsalOptions {
    rows = Map.copyOf(rows);
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException(
          "--scale "
              + scale
              + ": must be above 0 and at most 1 (e.g. 0.01 inserts 1 % of the rows)");
    }
    if (clients < 1) {
      throw new IllegalArgumentException(
          "--clients " + clients + ": the workload needs at least one client");
    }
  }

  /** Rows actually inserted for {@code fullScale} rows: at least one unless none were asked for. */
  public long scaled(long fullScale) {
    return fullScale == 0 ? 0 : Math.max(1, Math.round(fullScale * scale));
  }

  /** Parses {@code TABLE=N} (N may be written 1_000_000 or 1,000,000). */
  public static Map.Entry<String, Long> parseRows(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--rows " + text + ": write TABLE=N, e.g. --rows orders=1000000");
    }
    String n = text.substring(eq + 1).replace("_", "").replace(",", "").trim();
    try {
      long rows = Long.parseLong(n);
      if (rows < 0) {
        throw new NumberFormatException();
      }
      return Map.entry(text.substring(0, eq).trim(), rows);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--rows "
              + text
              + ": \""
              + text.substring(eq + 1)
              + "\" is not a whole number of rows; write TABLE=N, e.g. --rows orders=1000000");
    }
  }
}
