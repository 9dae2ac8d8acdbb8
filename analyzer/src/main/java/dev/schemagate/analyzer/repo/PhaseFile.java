package dev.schemagate.analyzer.repo;

import java.nio.file.Path;

/**
 * One phase file of a migration version, read into memory.
 *
 * @param track the track's name
 * @param version the version number
 * @param versionName the name part of the version folder ({@code split_name} in {@code
 *     0003_split_name})
 * @param phase which phase the file is
 * @param path the file on disk (absolute)
 * @param repoPath the path relative to the repository root with {@code /} separators, as findings
 *     show it
 * @param text the content, decoded as UTF-8 (a leading byte-order mark removed)
 * @param checksum the lowercase hex SHA-256 of the file's bytes, which the runner records when it
 *     applies the file
 */
public record PhaseFile(
    String track,
    int version,
    String versionName,
    PhaseKind phase,
    Path path,
    String repoPath,
    String text,
    String checksum) {

  /** {@code orders@3 expand}: how messages name a phase. */
  public String label() {
    return track + "@" + version + " " + phase.id();
  }
}
