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

/**
 * One policy engine per distinct list of custom policies. The bundled engine starts loading in the
 * background as soon as the command starts, because loading the Wasm module is the largest fixed
 * cost of a short run and overlaps well with reading and parsing the files.
 */
final class PolicyEngines {

  private CompletableFuture<PolicyEngine> bundled;
  private final Map<List<Path>, PolicyEngine> custom = new HashMap<>();
  private volatile long loadNanos;

  void preload() {
    if (bundled == null) {
      bundled = CompletableFuture.supplyAsync(() -> {
        long t0 = System.nanoTime();
        PolicyEngine engine = PolicyEngine.bundled();
        loadNanos = System.nanoTime() - t0;
        return engine;
      });
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
    return custom.computeIfAbsent(settings.custom(), paths -> {
      PolicyEngine.Builder builder = PolicyEngine.builder();
      for (Path p : paths) {
        builder.add(PolicySource.user(p, null));
      }
      return builder.build();
    });
  }

  long loadMillis() {
    return loadNanos / 1_000_000;
  }
}
