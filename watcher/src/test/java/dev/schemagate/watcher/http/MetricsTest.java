package dev.schemagate.watcher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {

  /** A sample line of the text exposition format: name, optional labels, value. */
  static final Pattern SAMPLE =
      Pattern.compile(
          "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*})? (-?[0-9.eE+-]+|NaN|\\+Inf)");

  @Test
  void everyLineIsACommentOrAValidSampleAndTheHistogramIsCumulative() {
    Metrics m = new Metrics();
    m.analyzed("failure", Map.of("lock/create-index-blocking", 2), 120);
    m.analyzed("success", Map.of(), 40);
    m.analyzed("error", Map.of(), 7000);
    m.fetchFailed();
    String text = m.render();
    for (String line : text.split("\n")) {
      assertTrue(
          line.startsWith("# HELP ")
              || line.startsWith("# TYPE ")
              || SAMPLE.matcher(line).matches(),
          line);
    }
    assertTrue(text.contains("schemagate_watch_commits_analyzed_total{state=\"failure\"} 1\n"));
    assertTrue(
        text.contains("schemagate_watch_findings_total{rule=\"lock/create-index-blocking\"} 2\n"));
    assertTrue(text.contains("schemagate_watch_analysis_seconds_bucket{le=\"0.05\"} 1\n"));
    assertTrue(text.contains("schemagate_watch_analysis_seconds_bucket{le=\"0.25\"} 2\n"));
    assertTrue(text.contains("schemagate_watch_analysis_seconds_bucket{le=\"10\"} 3\n"));
    assertTrue(text.contains("schemagate_watch_analysis_seconds_count 3\n"));
    assertTrue(text.contains("schemagate_watch_analysis_seconds_sum 7.16\n"), text);
    assertTrue(text.contains("schemagate_watch_fetch_failures_total 1\n"));
    assertEquals(3, m.commitsAnalyzed());
  }
}
