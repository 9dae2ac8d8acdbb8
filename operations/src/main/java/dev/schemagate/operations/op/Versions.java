package dev.schemagate.operations.op;

import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.VersionFile;
import java.util.EnumMap;
import java.util.Map;

/** Builds the file map of a version, leaving out files the operation does not need. */
final class Versions {

  private final Map<VersionFile, String> files = new EnumMap<>(VersionFile.class);

  Versions put(VersionFile file, String text) {
    if (text != null) {
      files.put(file, text);
    }
    return this;
  }

  GeneratedVersion named(String slug) {
    return new GeneratedVersion(
        slug.replaceAll("[^a-z0-9_]", "_").replaceAll("_+", "_").replaceAll("_$", ""), files);
  }
}
