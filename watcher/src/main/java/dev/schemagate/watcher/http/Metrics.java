package dev.schemagate.watcher.http;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The watcher's counters, written in the Prometheus text exposition format (version 0.0.4). Names
 * start with {@code schemagate_watch_}. Label values are rule ids, states and fixed words: never a
 * URL, so no credential can reach a scrape.
 */
public final class Metrics {

  /** Upper bounds of the analysis-latency histogram, in seconds. */
  static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final Map<String, AtomicLong> analyzedByState = new TreeMap<>();
  private final Map<String, AtomicLong> findingsByRule = new TreeMap<>();
  private final long[] bucketCounts = new long[BUCKETS.length];
  private long latencyCount;
  private double latencySum;
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong fetchFailures = new AtomicLong();
  private final AtomicLong forgeFailures = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private volatile double lastFetchSeconds = Double.NaN;
  private volatile long lastSuccessfulFetchEpoch;
  private final AtomicLong checksUnavailable = new AtomicLong();
  private LongSupplier followedRefs = () -> 0;
  private LongSupplier checksWaiting = () -> 0;
  private LongSupplier unpublished = () -> 0;
  private LongSupplier forgeUp = () -> 1;

  public void followedRefs(LongSupplier supplier) {
    this.followedRefs = supplier;
  }

  /**
   * @param waiting heads whose check could not run and waits for a retry
   * @param unpublished verdicts served but not yet reported to the forge
   * @param forgeUp 1 unless reporting to the forge is failing
   */
  public void gauges(LongSupplier waiting, LongSupplier unpublished, LongSupplier forgeUp) {
    this.checksWaiting = waiting;
    this.unpublished = unpublished;
    this.forgeUp = forgeUp;
  }

  public void checkUnavailable() {
    checksUnavailable.incrementAndGet();
  }

  public synchronized void analyzed(String state, Map<String, Integer> findings, long millis) {
    analyzedByState.computeIfAbsent(state, k -> new AtomicLong()).incrementAndGet();
    findings.forEach(
        (rule, n) -> findingsByRule.computeIfAbsent(rule, k -> new AtomicLong()).addAndGet(n));
    double seconds = millis / 1000.0;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucketCounts[i]++;
      }
    }
    latencyCount++;
    latencySum += seconds;
  }

  public void poll() {
    polls.incrementAndGet();
  }

  public void fetchFailed() {
    fetchFailures.incrementAndGet();
  }

  public void fetched(long millis, long epochSecond) {
    lastFetchSeconds = millis / 1000.0;
    lastSuccessfulFetchEpoch = epochSecond;
  }

  public void forgeFailed() {
    forgeFailures.incrementAndGet();
  }

  public void published() {
    published.incrementAndGet();
  }

  public long forgeFailures() {
    return forgeFailures.get();
  }

  public long fetchFailures() {
    return fetchFailures.get();
  }

  public synchronized long commitsAnalyzed() {
    return analyzedByState.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** The exposition text of every metric. */
  public synchronized String render() {
    StringBuilder sb = new StringBuilder();
    counterHeader(
        sb, "schemagate_watch_commits_analyzed_total", "Commits checked, by verdict state.");
    for (String state : new String[] {"success", "failure", "error"}) {
      long n = analyzedByState.getOrDefault(state, new AtomicLong()).get();
      sb.append("schemagate_watch_commits_analyzed_total{state=\"")
          .append(state)
          .append("\"} ")
          .append(n)
          .append('\n');
    }
    counterHeader(
        sb, "schemagate_watch_findings_total", "Unwaived findings in checked commits, by rule.");
    findingsByRule.forEach(
        (rule, n) ->
            sb.append("schemagate_watch_findings_total{rule=\"")
                .append(escape(rule))
                .append("\"} ")
                .append(n.get())
                .append('\n'));
    sb.append(
        "# HELP schemagate_watch_analysis_seconds Time to check one commit (checkout, analysis, report).\n");
    sb.append("# TYPE schemagate_watch_analysis_seconds histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      sb.append("schemagate_watch_analysis_seconds_bucket{le=\"")
          .append(number(BUCKETS[i]))
          .append("\"} ")
          .append(bucketCounts[i])
          .append('\n');
    }
    sb.append("schemagate_watch_analysis_seconds_bucket{le=\"+Inf\"} ")
        .append(latencyCount)
        .append('\n');
    sb.append("schemagate_watch_analysis_seconds_sum ").append(number(latencySum)).append('\n');
    sb.append("schemagate_watch_analysis_seconds_count ").append(latencyCount).append('\n');
    counter(sb, "schemagate_watch_polls_total", "Poll cycles started.", polls.get());
    counter(
        sb,
        "schemagate_watch_fetch_failures_total",
        "Fetches that failed (network, authentication, remote errors).",
        fetchFailures.get());
    counter(
        sb,
        "schemagate_watch_checks_unavailable_total",
        "Checks that could not run for a reason about the watcher (disk, Git); retried, never a verdict.",
        checksUnavailable.get());
    counter(
        sb,
        "schemagate_watch_forge_failures_total",
        "Failed attempts to report to the forge (one per backoff period, not one per ref).",
        forgeFailures.get());
    counter(
        sb,
        "schemagate_watch_verdicts_published_total",
        "Verdicts reported to the forge.",
        published.get());
    gauge(
        sb,
        "schemagate_watch_last_fetch_duration_seconds",
        "Duration of the last successful fetch.",
        number(lastFetchSeconds));
    gauge(
        sb,
        "schemagate_watch_last_successful_fetch_timestamp_seconds",
        "Unix time of the last successful fetch.",
        Long.toString(lastSuccessfulFetchEpoch));
    gauge(
        sb,
        "schemagate_watch_checks_waiting",
        "Heads whose check could not run yet and waits for a retry.",
        Long.toString(checksWaiting.getAsLong()));
    gauge(
        sb,
        "schemagate_watch_verdicts_unpublished",
        "Verdicts served but not yet reported to the forge.",
        Long.toString(unpublished.getAsLong()));
    gauge(
        sb,
        "schemagate_watch_forge_up",
        "1 unless reporting to the forge is failing (then retried with backoff).",
        Long.toString(forgeUp.getAsLong()));
    gauge(
        sb,
        "schemagate_watch_followed_refs",
        "Refs followed (protected branch and open pull requests).",
        Long.toString(followedRefs.getAsLong()));
    return sb.toString();
  }

  private static void counterHeader(StringBuilder sb, String name, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" counter\n");
  }

  private static void counter(StringBuilder sb, String name, String help, long value) {
    counterHeader(sb, name, help);
    sb.append(name).append(' ').append(value).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, String value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" gauge\n");
    sb.append(name).append(' ').append(value).append('\n');
  }

  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%s", d);
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
