package dev.schemagate.contract.window;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@code schemagate.dev/requires} annotation where each workload kind keeps its pods'
 * metadata.
 */
public final class PodTemplates {

  /** Kinds whose pods sit at {@code spec.template}. */
  private static final Set<String> TEMPLATE_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Rollout");

  private PodTemplates() {}

  /** True for the kinds the webhook checks. */
  public static boolean isWorkload(String kind) {
    return TEMPLATE_KINDS.contains(kind) || "CronJob".equals(kind) || "Pod".equals(kind);
  }

  /**
   * The annotation value on the pods that {@code object} runs, empty when absent.
   *
   * @throws IllegalArgumentException when the annotation is there but is not a string
   */
  public static Optional<String> requires(String kind, JsonNode object, String annotation) {
    if (object == null || object.isNull()) {
      return Optional.empty();
    }
    JsonNode podMetadata;
    if ("Pod".equals(kind)) {
      podMetadata = object.path("metadata");
    } else if ("CronJob".equals(kind)) {
      podMetadata =
          object.path("spec").path("jobTemplate").path("spec").path("template").path("metadata");
    } else {
      podMetadata = object.path("spec").path("template").path("metadata");
    }
    JsonNode value = podMetadata.path("annotations").path(annotation);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(annotation + " must be a string, got " + value);
    }
    return Optional.of(value.asText());
  }
}
