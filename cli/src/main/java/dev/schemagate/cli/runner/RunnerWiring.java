package dev.schemagate.cli.runner;

import dev.schemagate.runner.apply.BackfillExecutor;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.gate.Gate;
import dev.schemagate.runner.publish.StatePublisher;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the runner's pluggable parts are chosen for the CLI: the gates (from
 * {@code rollout.gates} and {@code rollout.contract_gate}), the {@code SchemaState} publisher and
 * the batched backfill engine. Until their implementations are merged there are none: no gate
 * (so every contract needs {@code --override-contract-gate}) and no publication; backfills run in
 * batches ({@code dev.schemagate.runner.backfill}).
 */
final class RunnerWiring {

  private RunnerWiring() {}

  /**
   * @param contractOverride the operator's {@code --override-contract-gate} reason: the contract gate
   *     answers OVERRIDDEN with it when it cannot reach the cluster
   */
  static List<Gate> gates(RolloutSettings settings, Optional<String> contractOverride) {
    return List.of();
  }

  static Optional<StatePublisher> publisher(RolloutSettings settings) {
    return Optional.empty();
  }

  /** Batched, resumable, throttled backfills (docs/runner-backfill.md). */
  static Optional<BackfillExecutor> backfill(RolloutSettings settings) {
    return Optional.of(new BatchedBackfill());
  }
}
