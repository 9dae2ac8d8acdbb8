package dev.schemagate.contract.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds real workload manifests of every kind, as the API server and kubectl see them (also used
 * by the webhook's tests, through this module's test-jar).
 */
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
                  + podAnnotations
                  + "}, \"spec\": "
                  + podSpec
                  + "}";
          case "CronJob" ->
              "{\"apiVersion\": \"batch/v1\", \"kind\": \"CronJob\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"shop\"},"
                  + " \"spec\": {\"schedule\": \"*/5 * * * *\", \"jobTemplate\": {\"spec\": {\"template\": "
                  + template
                  + "}}}}";
          default ->
              "{\"apiVersion\": \""
                  + apiVersion(kind)
                  + "\", \"kind\": \""
                  + kind
                  + "\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"shop\"},"
                  + " \"spec\": {\"replicas\": 2, \"selector\": {\"matchLabels\": {\"app\": \"orders\"}}, \"template\": "
                  + template
                  + "}}";
        };
    return (ObjectNode) read(json);
  }

  private static String apiVersion(String kind) {
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
