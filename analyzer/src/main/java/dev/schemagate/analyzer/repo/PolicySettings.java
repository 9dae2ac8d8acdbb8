package dev.schemagate.analyzer.repo;

import dev.schemagate.analyzer.check.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective policy settings of one track (the top-level {@code policy} block with the track's
 * own {@code policy} block applied on top).
 *
 * @param severityOverrides rule id → severity, from {@code policy.severity}
 * @param disabledRules rule ids set to {@code off}
 * @param thresholds {@code policy.thresholds}: name → number, string or boolean, handed to the
 *     policies unchanged as {@code config.thresholds}
 * @param runnerSetsLockTimeout whether the rollout runner sets {@code lock_timeout} itself, so a
 *     phase file need not
 * @param custom user policies: folders of {@code .rego} files, or {@code .wasm} / {@code .tar.gz}
 *     bundles; absolute paths (resolved against the repository root)
 */
public record PolicySettings(
    Map<String, Severity> severityOverrides,
    Set<String> disabledRules,
    Map<String, Object> thresholds,
    boolean runnerSetsLockTimeout,
    List<Path> custom) {

  /** Nothing overridden, the runner does not set lock_timeout, no custom policies. */
  public static final PolicySettings DEFAULTS =
      new PolicySettings(Map.of(), Set.of(), Map.of(), false, List.of());

  public PolicySettings {
    severityOverrides = Map.copyOf(severityOverrides);
    disabledRules = Set.copyOf(disabledRules);
    thresholds = Map.copyOf(thresholds);
    custom = List.copyOf(custom);
  }

  /**
   * The severity a finding of {@code ruleId} gets, or empty when the rule is turned off.
   *
   * @param policySeverity the severity the policy reported
   */
  public Optional<Severity> severityFor(String ruleId, Severity policySeverity) {
    if (disabledRules.contains(ruleId)) {
      return Optional.empty();
    }
    return Optional.of(severityOverrides.getOrDefault(ruleId, policySeverity));
  }
}
