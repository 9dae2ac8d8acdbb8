package dev.schemagate.runner.gate;

import dev.schemagate.runner.kube.ClusterAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rollout.contract_gate} section of schemagate.yaml.
 *
 * @param namespaces where running pods are read; empty: all namespaces
 * @param kubeconfig the kubeconfig file; empty: {@code $KUBECONFIG}, {@code ~/.kube/config},
 *     in-cluster
 * @param context the kubeconfig context; empty: the file's current context
 * @param timeout connection and request timeout of each API call
 */
public record ContractGateSettings(
    List<String> namespaces,
    Optional<Path> kubeconfig,
    Optional<String> context,
    Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public ContractGateSettings {
    namespaces = List.copyOf(namespaces);
  }

  /** All namespaces, the default kubeconfig resolution, 10 s per request. */
  public static ContractGateSettings defaults() {
    return new ContractGateSettings(List.of(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
  }

  public ClusterAccess access() {
    return new ClusterAccess(kubeconfig, context, timeout);
  }
}
