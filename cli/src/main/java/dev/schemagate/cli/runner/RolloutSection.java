package dev.schemagate.cli.runner;

import dev.schemagate.analyzer.repo.SchemagateConfig;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.publish.PublishSettings;

/**
 * The {@code rollout:} section of {@code schemagate.yaml}, read as {@code plan} and {@code apply}
 * read it (settings, gates, contract gate, publishing), without connecting to anything: so that
 * {@code check} refuses, with the runner's own message, what the runner would refuse later.
 */
public final class RolloutSection {

  private RolloutSection() {}

  /**
   * @throws dev.schemagate.analyzer.repo.RepositoryException (or IllegalArgumentException) with the
   *     message {@code plan} gives for the same section
   */
  public static void validate(SchemagateConfig config) {
    RolloutSettings settings = RolloutSettings.of(config);
    RunnerWiring.gatesConfig(settings);
    PublishSettings.parse(config.rollout() == null ? null : config.rollout().path("publish"));
  }
}
