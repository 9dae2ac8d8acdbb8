package dev.schemagate.operations;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an operation writes: the version folder's name part and the text of each file.
 *
 * @param slug the name part of the folder ({@code 0012_<slug>}): letters, digits, {@code _}
 * @param files file → SQL text; at least one phase file
 */
public record GeneratedVersion(String slug, Map<VersionFile, String> files) {

  public GeneratedVersion {
    if (!slug.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("slug " + slug);
    }
    EnumMap<VersionFile, String> copy = new EnumMap<>(VersionFile.class);
    copy.putAll(files);
    files = Collections.unmodifiableMap(copy);
  }

  public Optional<String> file(VersionFile f) {
    return Optional.ofNullable(files.get(f));
  }
}
