package dev.schemagate.drift.replay;

import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.drift.catalog.Catalog;
import dev.schemagate.drift.catalog.CatalogReader;
import dev.schemagate.trace.PgServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays applied phases on a database of a throw-away server of the target's major version, the
 * statements exactly as the analyzer splits them (as the runner sends them), and reads the catalog
 * that results. Each phase runs on a session of its own with the target's {@code search_path}; the
 * target's roles exist (as NOLOGIN roles) so that GRANT, OWNER TO and policies replay.
 */
public final class Replay {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  /**
   * What the replay built.
   *
   * @param createdBy the track whose phase first created each object, by {@link
   *     dev.schemagate.drift.catalog.DbObject#key()}
   * @param schemas the user schemas of the replayed database
   */
  public record Result(Catalog catalog, Map<String, String> createdBy, List<String> schemas) {}

  private Replay() {}

  /**
   * @param roles the target's role names
   * @param searchPath the target's {@code search_path} for the runner's user
   * @param extraSchemas schemas to read besides those the replay creates (the tracks' default
   *     schemas)
   */
  public static Result run(
      PgServer server,
      List<ReplayStep> steps,
      List<String> roles,
      String searchPath,
      List<String> extraSchemas)
      throws SQLException {
    String db =
        "schemagate_drift_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    server.createDatabase(db, "template0");
    try {
      try (Connection c = server.connect(db);
          Statement s = c.createStatement()) {
        for (String role : roles) {
          s.execute(
              "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                  + literal(role)
                  + ") THEN CREATE ROLE "
                  + ident(role)
                  + " NOLOGIN; END IF; END$$");
        }
      }
      Map<String, String> createdBy = new HashMap<>();
      for (ReplayStep step : steps) {
        run(server, db, step, searchPath);
        try (Connection c = server.connect(db)) {
          Catalog now = CatalogReader.read(c, schemas(c, extraSchemas));
          for (String key : now.keys()) {
            createdBy.putIfAbsent(key, step.row().track());
          }
        }
      }
      try (Connection c = server.connect(db)) {
        List<String> schemas = schemas(c, extraSchemas);
        return new Result(CatalogReader.read(c, schemas), createdBy, schemas);
      }
    } finally {
      server.dropDatabase(db);
    }
  }

  private static List<String> schemas(Connection c, List<String> extra) throws SQLException {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(CatalogReader.userSchemas(c));
    all.addAll(extra);
    return List.copyOf(all);
  }

  private static void run(PgServer server, String db, ReplayStep step, String searchPath)
      throws SQLException {
    List<ParsedStatement> statements =
        new StatementParser().parse(SqlSplitter.split(step.file().repoPath(), step.file().text()));
    int limit =
        step.statements() < 0 ? statements.size() : Math.min(step.statements(), statements.size());
    try (Connection c = server.connect(db);
        Statement s = c.createStatement()) {
      s.setEscapeProcessing(false);
      s.execute("SET search_path TO " + searchPath);
      for (ParsedStatement st : statements.subList(0, limit)) {
        if (st.kind() == StatementKind.PSQL_META
            || st.kind() == StatementKind.TRANSACTION_CONTROL
            || (step.skipData() && st.kind().isDml())) {
          continue;
        }
        try {
          s.execute(st.source().text());
        } catch (SQLException e) {
          throw new DriftInputException(
              "replaying "
                  + step.file().repoPath()
                  + ":"
                  + st.source().line()
                  + " ("
                  + step.label()
                  + ") on an embedded PostgreSQL "
                  + server.major()
                  + " failed: "
                  + firstLine(e.getMessage())
                  + " (SQLSTATE "
                  + e.getSQLState()
                  + "); the applied phases must replay on an empty database of the"
                  + " same major version for drift to compare them",
              e);
        }
      }
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
