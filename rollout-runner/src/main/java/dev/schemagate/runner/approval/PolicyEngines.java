package dev.schemagate.runner.approval;

import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.policy.PolicySource;
import dev.schemagate.analyzer.repo.PolicySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The policy engine for a track's policy settings: the bundled policies, plus any custom ones. */
public final class PolicyEngines implements Function<PolicySettings, PolicyEngine> {

  private PolicyEngine bundled;
  private final Map<List<Path>, PolicyEngine> custom = new HashMap<>();

  @Override
  public synchronized PolicyEngine apply(PolicySettings settings) {
    if (settings.custom().isEmpty()) {
      if (bundled == null) {
        bundled = PolicyEngine.bundled();
      }
      return bundled;
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
}
