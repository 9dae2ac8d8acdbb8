package dev.schemagate.webhook.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.contract.window.AdmissionInput;

/** An AdmissionReview's request, read from JSON with checks that name what is wrong. */
record ReviewRequest(String uid, AdmissionInput input) {

  static final String API_VERSION = "admission.k8s.io/v1";

  static ReviewRequest of(JsonNode review) throws BadReview {
    if (review == null || !review.isObject()) {
      throw new BadReview("body is not a JSON object");
    }
    if (!API_VERSION.equals(review.path("apiVersion").asText())
        || !"AdmissionReview".equals(review.path("kind").asText())) {
      throw new BadReview(
          "expected apiVersion "
              + API_VERSION
              + ", kind AdmissionReview; got apiVersion "
              + review.path("apiVersion")
              + ", kind "
              + review.path("kind"));
    }
    JsonNode request = review.path("request");
    if (!request.isObject()) {
      throw new BadReview("AdmissionReview has no request object");
    }
    String uid = text(request, "uid");
    if (uid.isEmpty()) {
      throw new BadReview("request.uid is missing");
    }
    String kind = text(request.path("kind"), "kind");
    String operation = text(request, "operation");
    if (operation.isEmpty()) {
      throw new BadReview("request.operation is missing");
    }
    JsonNode dryRun = request.path("dryRun");
    if (!dryRun.isMissingNode() && !dryRun.isNull() && !dryRun.isBoolean()) {
      throw new BadReview("request.dryRun must be a boolean, got " + dryRun);
    }
    return new ReviewRequest(
        uid,
        new AdmissionInput(
            kind,
            operation,
            text(request, "namespace"),
            dryRun.asBoolean(false),
            nullable(request.get("object")),
            nullable(request.get("oldObject"))));
  }

  private static String text(JsonNode node, String field) throws BadReview {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new BadReview("request field " + field + " must be a string, got " + v);
    }
    return v.asText();
  }

  private static JsonNode nullable(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }
}
