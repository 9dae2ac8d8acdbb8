package dev.schemagate.cli.candeploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object read from a manifest file.
 *
 * @param source the file name as given ({@code <stdin>} for {@code -})
 * @param line the 1-based line where the object's YAML document (or List) starts
 * @param object the object as a JSON tree
 */
public record Manifest(String source, int line, JsonNode object) {

  public String kind() {
    return object.path("kind").asText("");
  }

  /** {@code shop/orders-api}, or just the name when the manifest gives no namespace. */
  public String name() {
    String ns = object.path("metadata").path("namespace").asText("");
    String name = object.path("metadata").path("name").asText("<unnamed>");
    return ns.isEmpty() ? name : ns + "/" + name;
  }

  public String where() {
    return source + ":" + line;
  }
}
