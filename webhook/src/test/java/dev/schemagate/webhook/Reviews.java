package dev.schemagate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds real workload manifests and AdmissionReview bodies as the API server sends them. */
public final class Reviews {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Reviews() {}

  /** A manifest of {@code kind} whose pods carry {@code requires} (null: no annotation). */
  public static ObjectNode workload(String kind, String requires) {
    String podAnnotations =
        requires == null ? "{}" : "{\"schemagate.dev/requires\": " + quote(requires) + "}";
    String podMeta = "{\"labels\": {\"app\": \"orders\"}, \"annotations\": " + podAnnotations + "}";
    String podSpec = "{\"containers\": [{\"name\": \"app\", \"image\": \"orders:1\"}]}";
    String template = "{\"metadata\": " + podMeta + ", \"spec\": " + podSpec + "}";
    String json =
        switch (kind) {
          case "Pod" ->
              "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"shop\", \"annotations\": "
                  + podAnnotations + "}, \"spec\": " + podSpec + "}";
          case "CronJob" ->
              "{\"apiVersion\": \"batch/v1\", \"kind\": \"CronJob\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"shop\"},"
                  + " \"spec\": {\"schedule\": \"*/5 * * * *\", \"jobTemplate\": {\"spec\": {\"template\": " + template + "}}}}";
          default ->
              "{\"apiVersion\": \"" + apiVersion(kind) + "\", \"kind\": \"" + kind
                  + "\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"shop\"},"
                  + " \"spec\": {\"replicas\": 2, \"selector\": {\"matchLabels\": {\"app\": \"orders\"}}, \"template\": " + template + "}}";
        };
    return (ObjectNode) read(json);
  }

  /** An AdmissionReview request for {@code object} (and {@code oldObject} on UPDATE). */
  public static ObjectNode review(
      String uid, String operation, String namespace, JsonNode object, JsonNode oldObject, boolean dryRun) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", uid);
    String kind = object != null ? object.path("kind").asText() : oldObject.path("kind").asText();
    String apiVersion = object != null ? object.path("apiVersion").asText() : oldObject.path("apiVersion").asText();
    ObjectNode gvk = request.putObject("kind");
    gvk.put("group", apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
    gvk.put("version", apiVersion.substring(apiVersion.indexOf('/') + 1));
    gvk.put("kind", kind);
    request.put("name", "orders");
    request.put("namespace", namespace);
    request.put("operation", operation);
    request.putObject("userInfo").put("username", "alice");
    request.set("object", object);
    request.set("oldObject", oldObject);
    request.put("dryRun", dryRun);
    return review;
  }

  static String apiVersion(String kind) {
    return switch (kind) {
      case "Job" -> "batch/v1";
      case "Rollout" -> "argoproj.io/v1alpha1";
      default -> "apps/v1";
    };
  }

  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
