package dev.schemagate.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a generated version as {@code <track folder>/<NNNN>_<slug>/}, never over an existing
 * folder.
 */
public final class VersionWriter {

  private VersionWriter() {}

  /** The folder name of version {@code number}: at least four digits, then the slug. */
  public static String folderName(int number, String slug) {
    return String.format("%04d_%s", number, slug);
  }

  /** Writes the files and returns their paths; the folder must not exist yet. */
  public static List<Path> write(Path trackFolder, int number, GeneratedVersion version) {
    Path folder = trackFolder.resolve(folderName(number, version.slug()));
    if (Files.exists(folder)) {
      throw new OperationException(folder + " already exists; nothing written");
    }
    try {
      Files.createDirectories(folder);
      List<Path> written = new ArrayList<>();
      for (Map.Entry<VersionFile, String> f : version.files().entrySet()) {
        Path p = folder.resolve(f.getKey().fileName());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        written.add(p);
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
    }
  }
}
