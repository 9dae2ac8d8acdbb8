package dev.schemagate.runner.apply;

import dev.schemagate.runner.config.RolloutSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The settings every session that runs phase statements starts with. */
final class SessionSettings {

  private SessionSettings() {}

  /**
   * {@code lock_timeout} and {@code statement_timeout} from the configuration (a phase's own {@code
   * SET} overrides them for the statements after it), and {@code client_connection_check_interval}
   * (PostgreSQL 14+): should this runner be killed, its backend notices within a second even in the
   * middle of a long statement and stops, instead of finishing (or blocking) a phase nobody
   * records.
   */
  static void apply(Connection c, RolloutSettings settings) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET lock_timeout = '" + RolloutSettings.pgValue(settings.lockTimeout()) + "'");
      s.execute(
          "SET statement_timeout = '" + RolloutSettings.pgValue(settings.statementTimeout()) + "'");
      if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
        s.execute("SET client_connection_check_interval = '1s'");
      }
    }
  }
}
