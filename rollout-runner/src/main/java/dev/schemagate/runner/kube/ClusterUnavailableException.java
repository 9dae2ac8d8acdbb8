package dev.schemagate.runner.kube;

/**
 * The Kubernetes API cannot be used at all: no kubeconfig, an unusable one, or no in-cluster
 * account.
 */
public final class ClusterUnavailableException extends Exception {
  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
