package dev.schemagate.trace;

import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Preparing a trace database: running set-up SQL, cluster-level objects, seeding rows. */
public final class TraceSetup {

  private TraceSetup() {}

  /** Runs every statement of {@code sql} (split by the analyzer's splitter) in autocommit. */
  public static void run(Connection c, String sql) throws SQLException {
    for (SqlStatement st : SqlSplitter.split("setup.sql", sql).statements()) {
      try (Statement s = c.createStatement()) {
        s.execute(st.text());
      }
    }
  }

  /** Creates login-less roles (cluster-wide) unless they exist. */
  public static void roles(Connection c, String... names) throws SQLException {
    for (String name : names) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                + name
                + "') THEN CREATE ROLE "
                + name
                + "; END IF; END $$");
      }
    }
  }

  /** Creates a tablespace in a directory inside the server's temporary files. */
  public static void tablespace(PgServer server, Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLESPACE " + name + " LOCATION '" + server.newTablespaceDir(name) + "'");
    } catch (IOException e) {
      throw new SQLException(
          "cannot create a directory for tablespace " + name + ": " + e.getMessage(), e);
    }
  }

  /** Seeds every empty table with rows; returns the tables that could not be seeded. */
  public static List<String> seed(Connection c) throws SQLException {
    return Seeder.seedEmptyTables(c, new java.util.HashSet<>());
  }
}
