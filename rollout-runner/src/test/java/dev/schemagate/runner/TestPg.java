package dev.schemagate.runner;

import dev.schemagate.runner.db.JdbcDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL 17 per test JVM; each test gets a database of its own. Tests that stop
 * the server start their own instance instead ({@link #startDedicated}).
 */
final class TestPg {

  private static EmbeddedPostgres shared;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestPg() {}

  static synchronized EmbeddedPostgres server() {
    if (shared == null) {
      shared = start(EmbeddedPostgres.builder());
    }
    return shared;
  }

  static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
    try {
      return builder
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_connections", "60")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new empty database on the shared server. */
  static JdbcDatabase newDatabase() {
    return newDatabase(server().getPort());
  }

  static JdbcDatabase newDatabase(int port) {
    String name = "runner_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new JdbcDatabase(url(port, name), "postgres", null);
  }

  static String url(int port, String name) {
    return "jdbc:postgresql://localhost:" + port + "/" + name;
  }
}
