package dev.schemagate.runner.workload;

import java.time.Duration;
import java.util.List;

/**
 * The workload's figures for one window (e.g. before, during, after a migration).
 *
 * @param queries queries started in the window (ok or failed); a query the migration blocks counts
 *     in the window it started in, with its whole latency
 * @param p50 median latency of the window's queries
 * @param p99 99th percentile latency
 * @param max longest single query
 * @param longestStall the longest time in the window during which no client completed any query
 *     (what an application sees as "the database hangs")
 * @param writeP99 99th percentile latency of the writes (updates and inserts) alone: they wait on
 *     row locks and on flushing the WAL at commit, which reads do not
 * @param firstErrors up to five distinct error messages
 */
public record WindowStats(
    String name,
    Duration length,
    long queries,
    long errors,
    Duration p50,
    Duration p99,
    Duration max,
    Duration longestStall,
    Duration writeP99,
    List<String> firstErrors) {

  public double queriesPerSecond() {
    double s = length.toNanos() / 1e9;
    return s <= 0 ? 0 : queries / s;
  }

  static String ms(Duration d) {
    return String.format("%.1f", d.toNanos() / 1e6);
  }

  /** A fixed-width row of {@link #header()}. */
  public String row() {
    return String.format(
        "%-10s %8.1f %9d %10.0f %7d %9s %9s %11s %9s %10s",
        name,
        length.toNanos() / 1e9,
        queries,
        queriesPerSecond(),
        errors,
        ms(p50),
        ms(p99),
        ms(writeP99),
        ms(max),
        ms(longestStall));
  }

  public static String header() {
    return String.format(
        "%-10s %8s %9s %10s %7s %9s %9s %11s %9s %10s",
        "window",
        "secs",
        "queries",
        "queries/s",
        "errors",
        "p50 ms",
        "p99 ms",
        "writes p99",
        "max ms",
        "stall ms");
  }

  /** The nearest-rank percentile {@code p} (0..1) of {@code sorted}; 0 when it is empty. */
  public static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  /**
   * The longest time in [{@code start}, {@code end}] with no completion, from the completion times
   * sorted ascending (nanoTime values within the window).
   */
  public static long longestStall(long[] sortedCompletions, long start, long end) {
    long stall = 0;
    long previous = start;
    for (long t : sortedCompletions) {
      stall = Math.max(stall, t - previous);
      previous = t;
    }
    return Math.max(stall, end - previous);
  }
}
