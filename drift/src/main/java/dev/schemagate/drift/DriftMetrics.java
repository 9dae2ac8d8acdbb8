package dev.schemagate.drift;

import dev.schemagate.drift.catalog.ObjectKind;
import java.util.Map;

/**
 * The drift gauge in the Prometheus text exposition format the watcher's {@code /metrics} uses, for
 * a file that node_exporter's textfile collector (or any scraper of files) picks up after a
 * scheduled {@code schemagate drift --metrics-file}: one series per track and object kind, zeros
 * included, so an alert on {@code > 0} also resolves.
 */
public final class DriftMetrics {

  private DriftMetrics() {}

  public static String prometheus(DriftReport report, long epochSeconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "# HELP schemagate_drift_objects Objects of the database that differ from what its applied phases create"
            + " (missing, extra or different), per track and object kind.\n");
    sb.append("# TYPE schemagate_drift_objects gauge\n");
    for (Map.Entry<String, Map<ObjectKind, Integer>> t : report.counts().entrySet()) {
      for (Map.Entry<ObjectKind, Integer> k : t.getValue().entrySet()) {
        sb.append("schemagate_drift_objects{track=\"")
            .append(escape(t.getKey()))
            .append("\",kind=\"")
            .append(k.getKey().id())
            .append("\"} ")
            .append(k.getValue())
            .append('\n');
      }
    }
    sb.append(
        "# HELP schemagate_drift_checked_timestamp_seconds When the drift check that wrote these values ran.\n");
    sb.append("# TYPE schemagate_drift_checked_timestamp_seconds gauge\n");
    sb.append("schemagate_drift_checked_timestamp_seconds ").append(epochSeconds).append('\n');
    return sb.toString();
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
