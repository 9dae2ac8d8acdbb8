package dev.schemagate.analyzer.repo;

import java.nio.file.Path;

/**
 * A SQL file read into memory that is not a phase file: a version's {@code rollback.sql}, or a file
 * of a plain SQL history ({@link SqlFileSet}).
 *
 * @param path the file on disk (absolute)
 * @param displayPath relative to the repository root, or as given on the command line
 * @param text the content, decoded as UTF-8 (a leading byte-order mark removed)
 * @param checksum the lowercase hex SHA-256 of the file's bytes
 */
public record SqlFile(Path path, String displayPath, String text, String checksum) {

  static SqlFile read(Path path, String displayPath) {
    SourceText.Content content = SourceText.read(path, displayPath);
    return new SqlFile(
        path.toAbsolutePath().normalize(), displayPath, content.text(), content.sha256());
  }
}
