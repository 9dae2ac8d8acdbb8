package dev.schemagate.analyzer.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Where a check spent its time, for {@code --timings} and the benchmark. Thread-safe. */
public final class CheckTimings {

  private final Map<String, AtomicLong> nanos = new LinkedHashMap<>();

  synchronized void add(String stage, long elapsedNanos) {
    nanos.computeIfAbsent(stage, k -> new AtomicLong()).addAndGet(elapsedNanos);
  }

  /** Milliseconds per stage, in the order the stages first ran. */
  public synchronized Map<String, Long> millis() {
    Map<String, Long> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, v.get() / 1_000_000));
    return out;
  }
}
