package dev.schemagate.webhook.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Secret volume as the kubelet writes it (its AtomicWriter): the files live in a timestamped
 * folder {@code ..2026_11_25_19_00_00.000000001}; {@code ..data} is a symlink to it; each key is a
 * symlink {@code tls.crt -> ..data/tls.crt}. An update writes a new timestamped folder, points a
 * temporary symlink at it and renames that over {@code ..data} (one atomic rename(2)), then removes
 * the old folder. A reader never sees a half-written pair.
 */
public final class SecretVolume {

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss.SSSSSSSSS");

  private final Path dir;

  public SecretVolume(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Writes (or replaces) every file of the volume at once. */
  public synchronized void publish(Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    Path data = dir.resolve("..data");
    Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
    Path fresh = dir.resolve(".." + LocalDateTime.now().format(TS));
    Files.createDirectory(fresh);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(fresh.resolve(f.getKey()), f.getValue());
    }
    Path tmp = dir.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, fresh.getFileName());
    Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String name : files.keySet()) {
      Path link = dir.resolve(name);
      if (!Files.isSymbolicLink(link)) {
        Files.createSymbolicLink(link, Path.of("..data", name));
      }
    }
    if (old != null && !old.equals(fresh)) {
      try (Stream<Path> s = Files.walk(old)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public void publish(PemCertificate cert) throws IOException {
    publish(Map.of("tls.crt", cert.crtPem(), "tls.key", cert.keyPem()));
  }
}
