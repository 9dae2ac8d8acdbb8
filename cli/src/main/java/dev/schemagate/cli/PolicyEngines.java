package dev.schemagate.cli;

import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.policy.PolicySource;
import dev.schemagate.analyzer.repo.PolicySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One policy engine per distinct list of custom policies. The bundled engine starts loading in the
 * background as soon as the command starts, because loading the Wasm module is the largest fixed
 * cost of a short run and overlaps well with reading and parsing the files.
 */
final class PolicyEngines {

  /**
   * Started by {@link #startEarly()} before the command line is even parsed; taken by the first
   * instance.
   */
  private static CompletableFuture<PolicyEngine> early;

  private static final AtomicLong EARLY_LOAD_NANOS = new AtomicLong();

  private CompletableFuture<PolicyEngine> bundled;
  private final Map<List<Path>, PolicyEngine> custom = new HashMap<>();
  private final AtomicLong loadNanos = new AtomicLong();
  private boolean usedEarly;

  /**
   * Starts loading the bundled engine right at JVM start (from {@link Main#main} for {@code
   * check}), so that more of the load overlaps with option parsing, reading and parsing the files.
   */
  static synchronized void startEarly() {
    if (early == null) {
      early = load(EARLY_LOAD_NANOS);
    }
  }

  private static CompletableFuture<PolicyEngine> load(AtomicLong nanos) {
    return CompletableFuture.supplyAsync(
        () -> {
          long t0 = System.nanoTime();
          PolicyEngine engine = PolicyEngine.bundled();
          nanos.set(System.nanoTime() - t0);
          return engine;
        });
  }

  void preload() {
    if (bundled == null) {
      synchronized (PolicyEngines.class) {
        if (early != null) {
          bundled = early;
          early = null;
          usedEarly = true;
        }
      }
      if (bundled == null) {
        bundled = load(loadNanos);
      }
    }
  }

  synchronized PolicyEngine forSettings(PolicySettings settings) {
    if (settings.custom().isEmpty()) {
      preload();
      try {
        return bundled.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return custom.computeIfAbsent(
        settings.custom(),
        paths -> {
          PolicyEngine.Builder builder = PolicyEngine.builder();
          for (Path p : paths) {
            builder.add(PolicySource.user(p, null));
          }
          return builder.build();
        });
  }

  long loadMillis() {
    return (usedEarly ? EARLY_LOAD_NANOS : loadNanos).get() / 1_000_000;
  }
}
