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
 * its own database. Durable settings (fsync on) as in production: batch commit costs are real.
 */
public final class Pg17 {

  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Pg17() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "60")
            .setServerConfig("shared_buffers", "256MB")
            .setServerConfig("max_wal_size", "2GB")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL 17: " + e.getMessage(), e);
      }
      EmbeddedPostgres s = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
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
      try (Connection c = open(); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    public long queryLong(String sql) {
      try (Connection c = open(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    public String queryString(String sql) {
      try (Connection c = open(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }
  }
}
