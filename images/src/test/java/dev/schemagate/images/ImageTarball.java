package dev.schemagate.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An image tarball as {@code jib:buildTar} and scripts/build-base-image.sh write it (docker-save's
 * {@code manifest.json}, the config and the gzipped layers), unpacked with the system's tar into a
 * directory. Layers are applied in order into a root filesystem by {@link #extractRootfs}.
 */
final class ImageTarball {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path tarball;
  final Path dir;
  final JsonNode manifest;
  final JsonNode config;

  private ImageTarball(Path tarball, Path dir, JsonNode manifest, JsonNode config) {
    this.tarball = tarball;
    this.dir = dir;
    this.manifest = manifest;
    this.config = config;
  }

  static ImageTarball open(Path tarball, Path workDir) throws Exception {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          tarball
              + " does not exist: build it with ./mvnw -Pimages package"
              + " (after scripts/build-base-image.sh)");
    }
    Path dir =
        Files.createDirectories(
            workDir.resolve(tarball.getParent().getParent().getFileName() + "-image"));
    run(List.of("tar", "-xf", tarball.toString(), "-C", dir.toString()));
    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(dir.resolve(manifest.get("Config").asText()).toFile());
    return new ImageTarball(tarball, dir, manifest, config);
  }

  List<String> repoTags() {
    List<String> out = new ArrayList<>();
    manifest.get("RepoTags").forEach(t -> out.add(t.asText()));
    return out;
  }

  List<Path> layers() {
    List<Path> out = new ArrayList<>();
    manifest.get("Layers").forEach(l -> out.add(dir.resolve(l.asText())));
    return out;
  }

  List<String> diffIds() {
    List<String> out = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(d -> out.add(d.asText()));
    return out;
  }

  /** Each layer's history comment (Jib names its layers there), after the base's. */
  List<String> layerComments() {
    List<String> out = new ArrayList<>();
    config
        .path("history")
        .forEach(h -> out.add(h.path("comment").asText(h.path("created_by").asText())));
    return out;
  }

  JsonNode containerConfig() {
    return config.path("config");
  }

  List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** The layers' bytes as stored (gzipped): what a registry stores and a node pulls. */
  long compressedSize() throws IOException {
    long sum = 0;
    for (Path l : layers()) {
      sum += Files.size(l);
    }
    return sum;
  }

  /** The layers' tar streams, uncompressed. */
  long uncompressedSize() throws IOException {
    long sum = 0;
    for (Path l : layers()) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(l), 1 << 16)) {
        sum += in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return sum;
  }

  /**
   * The files of one layer, as tar lists them ({@code ./opt/java/bin/java}, {@code deployments/…}).
   */
  List<String> files(Path layer) throws Exception {
    return run(List.of("tar", "--warning=no-unknown-keyword", "-tzf", layer.toString()));
  }

  /**
   * Applies every layer in order into {@code root} (numeric owners kept: the test runs as root).
   */
  Path extractRootfs(Path root) throws Exception {
    Files.createDirectories(root);
    for (Path l : layers()) {
      run(
          List.of(
              "tar",
              "--warning=no-unknown-keyword",
              "-xzf",
              l.toString(),
              "-C",
              root.toString(),
              "--numeric-owner"));
    }
    return root;
  }

  static List<String> run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out.lines().toList();
  }
}
