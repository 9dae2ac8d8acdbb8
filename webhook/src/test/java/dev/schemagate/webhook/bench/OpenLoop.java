package dev.schemagate.webhook.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate} and is sent
 * then, whether or not earlier ones were answered; its latency is measured from when it was due,
 * not from when it was sent. A slow server therefore shows up in the latencies instead of lowering
 * the rate (no coordinated omission).
 */
public final class OpenLoop {

  /** Decides whether one answer is right; returns null when it is, or what is wrong. */
  @FunctionalInterface
  public interface Check {
    String problem(int index, HttpResponse<byte[]> response);
  }

  /** What one run measured. */
  public record Result(
      String name,
      int rate,
      int sent,
      long[] latencyNanos,
      int errors,
      List<String> errorExamples,
      long sendLagMaxNanos,
      long startNanos,
      long intervalNanos) {

    /**
     * When request {@code index} was due (System.nanoTime()); it was sent at that time or later.
     */
    public long due(int index) {
      return startNanos + index * intervalNanos;
    }

    public long percentile(double p) {
      if (latencyNanos.length == 0) {
        return 0;
      }
      int i = (int) Math.ceil(p / 100.0 * latencyNanos.length) - 1;
      return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, i))];
    }

    public long max() {
      return latencyNanos.length == 0 ? 0 : latencyNanos[latencyNanos.length - 1];
    }

    public String line() {
      return String.format(
          "%-10s rate %5d/s  sent %7d  ok %7d  errors %4d  p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  max %8.3f ms",
          name,
          rate,
          sent,
          latencyNanos.length,
          errors,
          ms(percentile(50)),
          ms(percentile(99)),
          ms(percentile(99.9)),
          ms(max()));
    }
  }

  private static void prime(HttpClient client, URI uri, byte[] body, Duration timeout)
      throws InterruptedException {
    try {
      client.send(
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot reach " + uri + ": " + e, e);
    }
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  private OpenLoop() {}

  /**
   * Sends {@code rate * duration} POSTs of {@code body.apply(i)} to {@code uri} at a fixed rate and
   * waits (at most {@code timeout} after the last is due) for every answer.
   */
  public static Result run(
      String name,
      HttpClient client,
      URI uri,
      IntFunction<byte[]> body,
      int rate,
      Duration duration,
      Duration timeout,
      Check check)
      throws InterruptedException {
    // One request first, answered before the clock starts: without an open connection, a burst of
    // concurrent first requests would each open one (and pay a TLS handshake) instead of sharing
    // it.
    prime(client, uri, body.apply(0), timeout);
    int n = (int) (rate * duration.toMillis() / 1000);
    long[] latencies = new long[n];
    Arrays.fill(latencies, -1);
    AtomicInteger errors = new AtomicInteger();
    List<String> examples = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<?>> pending = new ArrayList<>(n);
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long maxLag = 0;
    for (int i = 0; i < n; i++) {
      int index = i;
      long due = start + i * intervalNanos;
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      maxLag = Math.max(maxLag, now - due);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body.apply(i)))
              .build();
      pending.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
              .whenComplete(
                  (response, error) -> {
                    long latency = System.nanoTime() - due;
                    String problem;
                    if (error != null) {
                      problem = error.toString();
                    } else if (response.statusCode() != 200) {
                      problem =
                          "HTTP " + response.statusCode() + ": " + new String(response.body());
                    } else {
                      problem = check.problem(index, response);
                    }
                    if (problem == null) {
                      latencies[index] = latency;
                    } else {
                      errors.incrementAndGet();
                      if (examples.size() < 5) {
                        examples.add("#" + index + ": " + problem);
                      }
                    }
                  }));
    }
    try {
      CompletableFuture.allOf(
              pending.stream()
                  .map(f -> f.exceptionally(e -> null))
                  .toArray(CompletableFuture[]::new))
          .get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // counted below: every request without a recorded answer is an error
    }
    long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
    int unanswered = n - ok.length - errors.get();
    return new Result(
        name,
        rate,
        n,
        ok,
        errors.get() + Math.max(0, unanswered),
        List.copyOf(examples),
        maxLag,
        start,
        intervalNanos);
  }
}
