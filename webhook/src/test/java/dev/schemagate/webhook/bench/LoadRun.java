package dev.schemagate.webhook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.webhook.Reviews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One open-loop run of the Go load generator (bench/loadgen) as a child process: it sends the cases
 * at the rate for the duration, checks every answer, and prints one JSON line, which this reads and
 * prints as a table row. The generator is a separate, garbage-collector-free process so that its
 * own pauses do not land in the server's latencies.
 */
final class LoadRun {

  /** What the generator measured, latencies in milliseconds from when each request was due. */
  record Result(
      String name,
      int sent,
      int ok,
      int errors,
      double p50,
      double p99,
      double p999,
      double max,
      double sendLagMax,
      List<String> errorExamples) {}

  private final Path loadgen;
  private final Path ca;
  private final int rate;

  LoadRun(Path loadgen, Path ca, int rate) {
    this.loadgen = loadgen;
    this.ca = ca;
    this.rate = rate;
  }

  Result run(String name, String url, Path cases, int seconds)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                loadgen.toString(),
                "-url",
                url,
                "-ca",
                ca.toString(),
                "-cases",
                cases.toString(),
                "-rate",
                String.valueOf(rate),
                "-duration",
                seconds + "s",
                "-name",
                name)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    int code = p.waitFor();
    if (code != 0 || out.isEmpty()) {
      throw new IllegalStateException("load generator failed (exit " + code + ") for " + url);
    }
    JsonNode j = Reviews.read(out);
    List<String> examples = new java.util.ArrayList<>();
    j.path("error_examples").forEach(e -> examples.add(e.asText()));
    Result r =
        new Result(
            j.path("name").asText(),
            j.path("sent").asInt(),
            j.path("ok").asInt(),
            j.path("errors").asInt(),
            j.path("p50_ms").asDouble(),
            j.path("p99_ms").asDouble(),
            j.path("p999_ms").asDouble(),
            j.path("max_ms").asDouble(),
            j.path("send_lag_max_ms").asDouble(),
            List.copyOf(examples));
    System.out.printf(
        "%-10s rate %5d/s  sent %7d  ok %7d  errors %4d  p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  max %8.3f ms"
            + "  (sender lag max %.3f ms)%n",
        r.name(),
        rate,
        r.sent(),
        r.ok(),
        r.errors(),
        r.p50(),
        r.p99(),
        r.p999(),
        r.max(),
        r.sendLagMax());
    r.errorExamples().forEach(e -> System.out.println("    error " + e));
    return r;
  }
}
