package dev.schemagate.watcher.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the watcher needs to know from a {@code schemagate.yaml} before the analyzer reads it: the
 * protected branch, and which paths to check out (track folders, custom policies). Tolerant on
 * purpose: validation is the analyzer's job once the files are on disk, and reports a bad file with
 * its line; here a file that cannot be read yields the defaults.
 */
public record ConfigPaths(String protectedBranch, List<String> paths) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  public static final String DEFAULT_BRANCH = "main";

  public static ConfigPaths read(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (Exception e) {
      return new ConfigPaths(DEFAULT_BRANCH, List.of());
    }
    if (root == null || !root.isObject()) {
      return new ConfigPaths(DEFAULT_BRANCH, List.of());
    }
    String branch =
        root.path("protected_branch").isTextual()
            ? root.path("protected_branch").asText()
            : DEFAULT_BRANCH;
    List<String> paths = new ArrayList<>();
    customPaths(root.path("policy"), paths);
    JsonNode tracks = root.path("tracks");
    for (Iterator<Map.Entry<String, JsonNode>> it = tracks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> track = it.next();
      JsonNode folder = track.getValue().path("folder");
      paths.add(folder.isTextual() ? folder.asText() : "migrations/" + track.getKey());
      customPaths(track.getValue().path("policy"), paths);
    }
    return new ConfigPaths(
        branch,
        paths.stream().map(ConfigPaths::clean).filter(p -> !p.isEmpty()).distinct().toList());
  }

  private static void customPaths(JsonNode policy, List<String> into) {
    for (JsonNode entry : policy.path("custom")) {
      if (entry.isTextual()) {
        into.add(entry.asText());
      }
    }
  }

  /**
   * {@code ./a/b/} → {@code a/b}; paths that climb out of the root are dropped (the analyzer
   * rejects them).
   */
  private static String clean(String path) {
    String p = path.trim().replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../")) {
      return "";
    }
    return p;
  }
}
