package dev.schemagate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AdmissionReview bodies as the API server sends them, around the analyzer's test manifests ({@link
 * dev.schemagate.contract.window.Reviews}, from its test-jar).
 */
public final class Reviews {

  public static final ObjectMapper JSON = dev.schemagate.contract.window.Reviews.JSON;

  private Reviews() {}

  /** A manifest of {@code kind} whose pods carry {@code requires} (null: no annotation). */
  public static ObjectNode workload(String kind, String requires) {
    return dev.schemagate.contract.window.Reviews.workload(kind, requires);
  }

  /** An AdmissionReview request for {@code object} (and {@code oldObject} on UPDATE). */
  public static ObjectNode review(
      String uid,
      String operation,
      String namespace,
      JsonNode object,
      JsonNode oldObject,
      boolean dryRun) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", uid);
    String kind = object != null ? object.path("kind").asText() : oldObject.path("kind").asText();
    String apiVersion =
        object != null ? object.path("apiVersion").asText() : oldObject.path("apiVersion").asText();
    ObjectNode gvk = request.putObject("kind");
    gvk.put(
        "group", apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
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

  public static JsonNode read(String json) {
    return dev.schemagate.contract.window.Reviews.read(json);
  }
}
