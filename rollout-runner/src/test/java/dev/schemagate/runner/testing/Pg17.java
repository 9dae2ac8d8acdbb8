package dev.schemagate.runner.testing;

import dev.schemagate.runner.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL 17 per test JVM (started on first use, stopped at exit); each test gets
 * its own database. The embedded binaries start with {@code -F} (fsync off) and {@code
 * synchronous_commit = off}; with {@code -Dpg17.durable=true} (the benchmarks) the server runs with
 * fsync and synchronous_commit on, as in production, so commit costs are real ({@code --fsync=on}
 * comes after {@code -F} on the server's command line and wins; the benchmark prints {@code SHOW
 * fsync} to prove it).
 */
public final class Pg17 {

  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Pg17() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder b =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "60")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "2GB");
        if (Boolean.getBoolean("pg17.durable")) {
          b.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        server = b.start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "could not start embedded PostgreSQL 17: " + e.getMessage(), e);
      }
      EmbeddedPostgres s = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      s.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  }));
    }
    return server;
  }

  public static int port() {
    return server().getPort();
  }

  /** A new, empty database. */
  public static Db newDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new Db(port(), name);
  }

  public static Connection connect(String database) throws SQLException {
    return connect(port(), database);
  }

  public static Connection connect(int port, String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, p);
  }

  /** A database of the server, as the runner sees one. */
  public record Db(int port, String name) implements Database {
    @Override
    public Connection open() throws SQLException {
      return connect(port, name);
    }

    @Override
    public String describe() {
      return "postgresql://localhost:" + port + "/" + name + " as postgres";
    }

    public String url() {
      return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    /** Runs SQL (several statements allowed) on a fresh autocommit connection. */
    public void exec(String sql) {
      try (Connection c = open();
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    public long queryLong(String sql) {
      try (Connection c = open();
          Statement s = c.createStatement();
          var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    public String queryString(String sql) {
      try (Connection c = open();
          Statement s = c.createStatement();
          var rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }
  }
}
