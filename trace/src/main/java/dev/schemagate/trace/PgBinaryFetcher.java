package dev.schemagate.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gets the jar of a {@link PgBinaryArtifact} on first use and keeps it in a cache directory, so
 * that the CLI does not carry PostgreSQL binaries it may never need and works offline once a
 * version was fetched. The jar is taken from the first repository that has it, checked against the
 * checksum that repository publishes next to it ({@code .sha256}, else {@code .sha1}, as Maven
 * Central does), and moved into the cache only when it matches. See docs/trace.md, "PostgreSQL
 * binaries".
 */
public final class PgBinaryFetcher {

  public static final String CENTRAL = "https://repo.maven.apache.org/maven2";

  /** A comma-separated list of Maven repository URLs (https:, http: or file:), tried in order. */
  public static final String REPOSITORIES_PROPERTY = "schemagate.maven.repositories";

  public static final String REPOSITORIES_ENV = "SCHEMAGATE_MAVEN_REPOSITORIES";

  private final Path cacheDir;
  private final List<URI> repositories;
  private final HttpClient http;

  public PgBinaryFetcher(Path cacheDir, List<URI> repositories) {
    this.cacheDir = cacheDir;
    this.repositories = List.copyOf(repositories);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * The fetcher the commands use: cache {@code $SCHEMAGATE_CACHE/postgres} (default {@code
   * ~/.cache/schemagate/postgres}); repositories from {@value #REPOSITORIES_PROPERTY}, else {@code
   * $SCHEMAGATE_MAVEN_REPOSITORIES}, else Maven Central.
   */
  public static PgBinaryFetcher standard() {
    Map<String, String> env = System.getenv();
    String root = env.get("SCHEMAGATE_CACHE");
    Path cache =
        (root == null || root.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "schemagate")
                : Path.of(root))
            .resolve("postgres");
    String repos =
        System.getProperty(REPOSITORIES_PROPERTY, env.getOrDefault(REPOSITORIES_ENV, CENTRAL));
    List<URI> uris = new ArrayList<>();
    for (String r : repos.split(",")) {
      if (!r.isBlank()) {
        uris.add(URI.create(r.strip().replaceAll("/+$", "")));
      }
    }
    return new PgBinaryFetcher(cache, uris);
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** Where the jar of {@code artifact} is (or will be) cached. */
  public Path cached(PgBinaryArtifact artifact) {
    return cacheDir.resolve(artifact.fileName());
  }

  /**
   * The cached jar, fetched first when it is not cached yet.
   *
   * @throws PgBinariesUnavailableException naming the version, every URL tried and why, and the
   *     cache path, when it is not cached and no repository gave a verified copy
   */
  public Path jar(PgBinaryArtifact artifact) {
    Path target = cached(artifact);
    if (Files.isRegularFile(target)) {
      return target;
    }
    List<String> failures = new ArrayList<>();
    for (URI repo : repositories) {
      URI url = URI.create(repo + "/" + artifact.repositoryPath());
      try {
        fetch(url, target);
        return target;
      } catch (IOException e) {
        // a refused connection has no message, only its type
        failures.add(
            url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add(url + ": interrupted");
        break;
      }
    }
    throw new PgBinariesUnavailableException(
        "PostgreSQL "
            + artifact.major()
            + " binaries ("
            + artifact.coordinates()
            + ") are not in the cache "
            + target
            + " and could not be fetched: "
            + String.join("; ", failures)
            + "; connect to Maven Central once, or copy that jar to "
            + target);
  }

  private void fetch(URI url, Path target) throws IOException, InterruptedException {
    Files.createDirectories(cacheDir);
    Path partial = Files.createTempFile(cacheDir, target.getFileName().toString(), ".part");
    try {
      MessageDigest sha256 = digest("SHA-256");
      MessageDigest sha1 = digest("SHA-1");
      try (InputStream in = new DigestInputStream(new DigestInputStream(open(url), sha256), sha1);
          OutputStream out = Files.newOutputStream(partial)) {
        in.transferTo(out);
      }
      Optional<String> expected256 = checksum(URI.create(url + ".sha256"));
      String algorithm = expected256.isPresent() ? "sha256" : "sha1";
      String expected =
          expected256.isPresent()
              ? expected256.get()
              : checksum(URI.create(url + ".sha1"))
                  .orElseThrow(
                      () ->
                          new IOException(
                              "no .sha256 or .sha1 checksum published next to it; refusing an unverified download"));
      String actual = HexFormat.of().formatHex((expected256.isPresent() ? sha256 : sha1).digest());
      if (!actual.equals(expected)) {
        throw new IOException(
            algorithm
                + " mismatch: downloaded "
                + actual
                + ", published "
                + expected
                + " (corrupted or tampered download; nothing was cached)");
      }
      // Concurrent fetchers each write their own .part; whichever moves first wins, both are
      // verified.
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private Optional<String> checksum(URI url) throws IOException, InterruptedException {
    try (InputStream in = open(url)) {
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      // Some repositories write "<hex>  <file name>"
      String hex = text.split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
        throw new IOException(
            url + " is not a checksum: \"" + text.lines().findFirst().orElse("") + "\"");
      }
      return Optional.of(hex);
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  private InputStream open(URI url) throws IOException, InterruptedException {
    if ("file".equals(url.getScheme())) {
      Path p = Path.of(url);
      if (!Files.isRegularFile(p)) {
        throw new NotFound("not found");
      }
      return Files.newInputStream(p);
    }
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() == 200) {
      return r.body();
    }
    r.body().close();
    if (r.statusCode() == 404) {
      throw new NotFound("HTTP 404");
    }
    throw new IOException("HTTP " + r.statusCode());
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A 404 or a missing file: for a checksum it means "try the other algorithm". */
  private static final class NotFound extends IOException {
    NotFound(String message) {
      super(message);
    }
  }
}
