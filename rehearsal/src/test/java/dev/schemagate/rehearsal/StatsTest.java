package dev.schemagate.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.trace.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schemagate stats on a real PostgreSQL 17, and a fill that matches the exported shape. */
class StatsTest {

  static PgServer server;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = PgServer.start(17);
    server.createDatabase("prod", null);
    server.createDatabase("copy", null);
    String table = "CREATE TABLE t (id bigint PRIMARY KEY, note text, kind text NOT NULL);";
    try (Connection c = server.connect("prod");
        Statement s = c.createStatement()) {
      s.execute(table);
      s.execute(
          "INSERT INTO t SELECT g, CASE WHEN g % 2 = 0 THEN NULL ELSE 'secret note ' || g END, 'kind' || (g % 5)"
              + " FROM generate_series(1, 2000) g");
      s.execute("CREATE INDEX t_kind_idx ON t (kind)");
      s.execute("ANALYZE t");
    }
    try (Connection c = server.connect("copy");
        Statement s = c.createStatement()) {
      s.execute(table);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static StatsFile.ColumnStats column(StatsFile.TableStats t, String name) {
    return t.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void exportsShapeWithoutValuesByDefault() throws Exception {
    StatsFile stats;
    try (Connection c = server.connect("prod")) {
      stats = StatsExport.read(c, false, 5);
    }
    assertEquals(StatsFile.FORMAT, stats.format());
    System.err.print(stats.toJson()); // docs/rehearsal.md quotes it
    StatsFile.TableStats t = stats.table("public.t").orElseThrow();
    assertEquals(2000, t.rows());
    assertTrue(t.sizeBytes() > 0);
    assertEquals(0.5, column(t, "note").nullFrac(), 0.01);
    assertEquals(-1.0, column(t, "id").nDistinct(), 0.0);
    assertEquals(5.0, column(t, "kind").nDistinct(), 0.0);
    assertNull(column(t, "kind").mostCommonValues());
    assertEquals(
        java.util.List.of("t_kind_idx", "t_pkey"),
        t.indexes().stream().map(StatsFile.IndexStats::name).toList());
    assertFalse(
        stats.toJson().contains("secret"), "no value leaves the database without --with-values");
    assertFalse(stats.topQueries().available());
    assertEquals(
        "pg_stat_statements is not installed in this database; no top queries (CREATE EXTENSION pg_stat_statements with"
            + " shared_preload_libraries = 'pg_stat_statements' to export them)",
        stats.topQueries().note());

    Path file = dir.resolve("stats.json");
    Files.writeString(file, stats.toJson());
    assertEquals(stats, StatsFile.read(file));
  }

  @Test
  void withValuesAddsHistogramsAndCommonValues() throws Exception {
    StatsFile stats;
    try (Connection c = server.connect("prod")) {
      stats = StatsExport.read(c, true, 0);
    }
    StatsFile.TableStats t = stats.table("public.t").orElseThrow();
    assertEquals(5, column(t, "kind").mostCommonValues().size());
    assertTrue(column(t, "kind").mostCommonValues().contains("kind3"));
    assertTrue(
        column(t, "note").histogramBounds().stream().anyMatch(v -> v.startsWith("secret note ")));
    assertNull(stats.topQueries());
  }

  @Test
  void aFillFromTheStatsMatchesRowsNullsAndDistinctValuesAtScale() throws Exception {
    StatsFile stats;
    try (Connection c = server.connect("prod")) {
      stats = StatsExport.read(c, false, 0);
    }
    try (Connection c = server.connect("copy");
        Statement s = c.createStatement()) {
      LiveSchema live = LiveSchema.read(c, "public");
      LiveTable t = live.table("t", "public").orElseThrow();
      StatsFile.TableStats ts = stats.table("public.t").orElseThrow();
      new SyntheticFill(Map.of(t.name(), new FillPlan(t, ts.rows() / 2, ts.profiles())))
          .run(c, live.fillOrder(), line -> {});
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*), count(note), count(DISTINCT kind), count(DISTINCT id) FROM t")) {
        rs.next();
        assertEquals(1000, rs.getLong(1));
        assertTrue(
            rs.getLong(2) > 350 && rs.getLong(2) < 650,
            "about half the notes are null: " + rs.getLong(2));
        assertEquals(5, rs.getLong(3));
        assertEquals(1000, rs.getLong(4));
      }
    }
  }

  @Test
  void aFileThatIsNotAStatsFileIsRefusedInOneLine() throws Exception {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"format\": \"something\", \"version\": 1}");
    RehearsalException e = assertThrows(RehearsalException.class, () -> StatsFile.read(file));
    assertEquals(
        "--stats "
            + file
            + ": not a stats file (\"format\" is not \"schemagate-stats\"); write one with schemagate stats --db URL -o FILE",
        e.getMessage());
    Files.writeString(file, "{\"format\": \"schemagate-stats\", \"version\": 9}");
    assertTrue(
        assertThrows(RehearsalException.class, () -> StatsFile.read(file))
            .getMessage()
            .contains("version 9 is not supported"));
  }
}
