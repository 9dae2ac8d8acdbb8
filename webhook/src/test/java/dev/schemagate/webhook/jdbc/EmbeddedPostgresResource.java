package dev.schemagate.webhook.jdbc;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL 17 with an empty database {@code orders}: the test installs the history schema
 * itself (the contract module's scripts, the version the runner writes), so it can watch the
 * webhook before and after the table exists.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

  static volatile EmbeddedPostgres pg;

  /**
   * Runs the statements in one transaction, so that the webhook's poller sees all of them or none
   * (a schema created and its first row inserted in two commits could be read in between).
   */
  static void sql(String... statements) throws SQLException {
    try (Connection c = pg.getDatabase("postgres", "orders").getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String q : statements) {
        s.execute(q);
      }
      c.commit();
    }
  }

  @Override
  public Map<String, String> start() {
    try {
      pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE orders");
      }
      return Map.of(
          "schemagate.state.source", "jdbc",
          "schemagate.state.jdbc.url", "jdbc:postgresql://localhost:" + pg.getPort() + "/orders",
          "schemagate.state.jdbc.user", "postgres",
          "schemagate.state.jdbc.poll-interval", "200ms");
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start PostgreSQL 17: " + e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    try {
      if (pg != null) {
        pg.close();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
