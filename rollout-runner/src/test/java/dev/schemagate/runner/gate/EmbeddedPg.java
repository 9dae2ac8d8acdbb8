package dev.schemagate.runner.gate;

import dev.schemagate.runner.db.Database;
import dev.schemagate.trace.PgServer;
import java.sql.Connection;
import java.sql.SQLException;

/** One embedded PostgreSQL 17 per test JVM (the trace module's packaged binaries). */
final class EmbeddedPg {

  private static PgServer server;

  private EmbeddedPg() {}

  static synchronized PgServer server() {
    if (server == null) {
      server = PgServer.start(17);
    }
    return server;
  }

  /** The {@code postgres} database as the runner would see it. */
  static Database database() {
    PgServer pg = server();
    return new Database() {
      @Override
      public Connection open() throws SQLException {
        return pg.connect("postgres");
      }

      @Override
      public String describe() {
        return "embedded PostgreSQL 17 (postgres)";
      }
    };
  }
}
