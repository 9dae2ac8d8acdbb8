package dev.schemagate.webhook.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.webhook.Reviews;
import java.nio.charset.StandardCharsets;

/**
 * AdmissionReview bodies the size the API server really sends for a Deployment applied with kubectl
 * (last-applied-configuration annotation, managedFields, env, probes, resources): about 7 KB each.
 * The uid is a fixed-width placeholder replaced per request.
 */
public final class RealisticReviews {

  static final String UID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

  private final String template;

  private RealisticReviews(String template) {
    this.template = template;
  }

  /** A CREATE of a Deployment whose pods require {@code requires} (null: no annotation). */
  public static RealisticReviews deployment(String name, String requires) {
    ObjectNode d = Reviews.workload("Deployment", requires);
    ObjectNode meta = (ObjectNode) d.path("metadata");
    meta.put("name", name);
    meta.putObject("labels")
        .put("app.kubernetes.io/name", name)
        .put("app.kubernetes.io/part-of", "shop")
        .put("app.kubernetes.io/version", "2.8.0")
        .put("app.kubernetes.io/managed-by", "kubectl");
    ObjectNode container =
        (ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0);
    container.put(
        "image", "ghcr.io/example/shop-" + name + ":2.8.0@sha256:" + "0123456789abcdef".repeat(4));
    container
        .putArray("ports")
        .addObject()
        .put("containerPort", 8080)
        .put("name", "http")
        .put("protocol", "TCP");
    ArrayNode env = container.putArray("env");
    for (int i = 0; i < 16; i++) {
      ObjectNode e = env.addObject().put("name", "SHOP_SETTING_" + i);
      if (i % 4 == 0) {
        e.putObject("valueFrom")
            .putObject("secretKeyRef")
            .put("name", name + "-db")
            .put("key", "url");
      } else {
        e.put("value", "value-of-setting-" + i + "-for-" + name);
      }
    }
    container
        .putObject("resources")
        .set("requests", Reviews.JSON.createObjectNode().put("cpu", "250m").put("memory", "256Mi"));
    ((ObjectNode) container.path("resources"))
        .set("limits", Reviews.JSON.createObjectNode().put("memory", "512Mi"));
    for (String probe : new String[] {"readinessProbe", "livenessProbe"}) {
      container
          .putObject(probe)
          .put("periodSeconds", 10)
          .put("failureThreshold", 3)
          .putObject("httpGet")
          .put("path", "/healthz")
          .put("port", 8080)
          .put("scheme", "HTTP");
    }
    meta.putObject("annotations")
        .put("kubectl.kubernetes.io/last-applied-configuration", d.toString());
    ArrayNode managed = meta.putArray("managedFields");
    managed
        .addObject()
        .put("manager", "kubectl-client-side-apply")
        .put("operation", "Update")
        .put("apiVersion", "apps/v1")
        .put("time", "2026-11-25T17:00:00Z")
        .put("fieldsType", "FieldsV1")
        .set("fieldsV1", fieldsOf(d));
    ObjectNode review = Reviews.review(UID_PLACEHOLDER, "CREATE", "shop", d, null, false);
    return new RealisticReviews(review.toString());
  }

  /** managedFields' FieldsV1 shape ({"f:spec": {"f:replicas": {}}}) over the object's keys. */
  private static ObjectNode fieldsOf(com.fasterxml.jackson.databind.JsonNode node) {
    ObjectNode f = Reviews.JSON.createObjectNode();
    node.fields()
        .forEachRemaining(
            e ->
                f.set(
                    "f:" + e.getKey(),
                    e.getValue().isObject()
                        ? fieldsOf(e.getValue())
                        : Reviews.JSON.createObjectNode()));
    return f;
  }

  /** The body with {@code uid}, which must be 36 characters like a real request uid. */
  public byte[] body(String uid) {
    return template.replace(UID_PLACEHOLDER, uid).getBytes(StandardCharsets.UTF_8);
  }

  public int size() {
    return template.length();
  }

  /** A 36-character uid that encodes {@code index}. */
  public static String uid(String prefix, int index) {
    String digits = String.format("%012d", index);
    return (prefix + "0000000").substring(0, 8) + "-0000-4000-8000-" + digits;
  }
}
