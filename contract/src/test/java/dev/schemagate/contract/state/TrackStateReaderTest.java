package dev.schemagate.contract.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.contract.history.HistorySchemaScripts;
import dev.schemagate.contract.window.CompatibilityWindow;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one track_state query against the history schema as its scripts install it, on PostgreSQL 17.
 */
class TrackStateReaderTest {

  static EmbeddedPostgres pg;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE installed");
      s.execute("CREATE DATABASE fresh");
    }
    try (Connection c = pg.getDatabase("postgres", "installed").getConnection();
        Statement s = c.createStatement()) {
      for (String script : HistorySchemaScripts.all()) {
        s.execute(script);
      }
      s.execute(
          "INSERT INTO schemagate.track_state (track, contracted, expanded, last_version, last_phase, last_commit)"
              + " VALUES ('users', 0, 3, 3, 'expand', 'abc123'), ('orders', 4, 7, NULL, NULL, NULL)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @Test
  void readsEveryTrackOrderedByTrack() throws Exception {
    try (Connection c = pg.getDatabase("postgres", "installed").getConnection()) {
      assertEquals(HistorySchemaScripts.VERSION, HistorySchemaScripts.installedVersion(c));
      List<TrackState> rows = TrackStateReader.read(c, 5);
      assertEquals(List.of("orders", "users"), rows.stream().map(TrackState::track).toList());
      assertEquals(new CompatibilityWindow("orders", 4, 7), rows.get(0).window());
      assertNull(rows.get(0).lastVersion());
      assertEquals(3, rows.get(1).lastVersion());
      assertEquals("expand", rows.get(1).lastPhase());
      assertEquals("abc123", rows.get(1).lastCommit());
      assertTrue(rows.get(1).updatedAt() != null, "updated_at is filled by the table's default");
    }
  }

  @Test
  void aDatabaseWithoutTheSchemaIsRecognisedAsSuch() throws Exception {
    try (Connection c = pg.getDatabase("postgres", "fresh").getConnection()) {
      assertEquals(0, HistorySchemaScripts.installedVersion(c));
      SQLException e = assertThrows(SQLException.class, () -> TrackStateReader.read(c, 5));
      assertTrue(TrackStateReader.isMissingSchema(e), e.getSQLState() + " " + e.getMessage());
    }
  }

  @Test
  void anUnknownScriptVersionIsRefusedByNumber() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HistorySchemaScripts.script(HistorySchemaScripts.VERSION + 1));
    assertEquals(
        "history schema version "
            + (HistorySchemaScripts.VERSION + 1)
            + " does not exist; this build knows 1.."
            + HistorySchemaScripts.VERSION,
        e.getMessage());
  }
}
