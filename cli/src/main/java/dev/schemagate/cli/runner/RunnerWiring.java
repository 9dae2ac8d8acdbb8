package dev.schemagate.cli.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.runner.apply.BackfillExecutor;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.gate.ContractGate;
import dev.schemagate.runner.gate.Gate;
import dev.schemagate.runner.gate.GatesConfig;
import dev.schemagate.runner.kube.ClusterAccess;
import dev.schemagate.runner.kube.ClusterUnavailableException;
import dev.schemagate.runner.publish.PublishSettings;
import dev.schemagate.runner.publish.SchemaStatePublisher;
import dev.schemagate.runner.publish.StatePublisher;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the runner's pluggable parts are chosen for the CLI: the gates (from {@code
 * rollout.gates} and {@code rollout.contract_gate}), the {@code SchemaState} publisher and the
 * batched backfill engine. Gates: the database health gates of {@code rollout.gates}, then the
 * contract gate and its rollback twin (docs/runner-gates.md); backfills run in batches ({@code
 * dev.schemagate.runner.backfill}, docs/runner-backfill.md).
 */
final class RunnerWiring {

  private RunnerWiring() {}

  /**
   * @param contractOverride the operator's {@code --override-contract-gate} reason: the contract
   *     gate answers OVERRIDDEN with it when it cannot reach the cluster
   */
  /**
   * The {@code rollout.gates} and {@code rollout.contract_gate} sections, bound once per command.
   */
  static GatesConfig gatesConfig(RolloutSettings settings) {
    return GatesConfig.parse(settings.gates(), settings.contractGate(), "schemagate.yaml");
  }

  static List<Gate> gates(GatesConfig config, Optional<String> contractOverride) {
    List<Gate> gates = new ArrayList<>(config.healthGates());
    gates.add(ContractGate.forContracts(config.contractGate(), contractOverride));
    gates.add(ContractGate.forRollbacks(config.contractGate(), contractOverride));
    return List.copyOf(gates);
  }

  /**
   * The SchemaState publisher when {@code rollout.publish.namespace} is set (docs/state.md). A
   * cluster that cannot be reached does not stop a rollout: the database history is authoritative
   * and the next run re-publishes from it; the operator is told once.
   */
  static Optional<StatePublisher> publisher(GatesConfig gates, JsonNode rollout, PrintWriter out) {
    PublishSettings publish =
        PublishSettings.parse(rollout == null ? null : rollout.path("publish"));
    if (publish.namespace().isEmpty()) {
      return Optional.empty();
    }
    ClusterAccess access = gates.contractGate().access(); // the cluster the contract gate reads
    try {
      return Optional.of(
          new SchemaStatePublisher(
              access.connect(), publish.namespace().get(), publish.database()));
    } catch (ClusterUnavailableException e) {
      out.println(
          "warning: SchemaState not published (rollout.publish): "
              + e.getMessage()
              + "; the history in the database stays authoritative, a later run re-publishes it");
      out.flush();
      return Optional.empty();
    }
  }

  /**
   * The drift gate (docs/drift.md): a phase that touches a table whose live schema differs from
   * what the applied phases create is held back unless the operator accepts the drift with a
   * reason.
   */
  static Gate driftGate(
      dev.schemagate.analyzer.repo.MigrationRepository repository, Optional<String> acceptDrift) {
    return new dev.schemagate.drift.DriftGate(
        repository, acceptDrift, new dev.schemagate.drift.DriftCheck());
  }

  /** Batched, resumable, throttled backfills (docs/runner-backfill.md). */
  static Optional<BackfillExecutor> backfill(RolloutSettings settings) {
    return Optional.of(new BatchedBackfill());
  }
}
