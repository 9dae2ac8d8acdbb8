package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.contract.history.HistorySchemaScripts;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistorySchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Installing, upgrading and refusing the history schema (docs/state.md), Flyway-style: loud, whole
 * or not at all.
 */
class HistorySchemaUpgradeTest {

  private static String script(int version) {
    return HistorySchemaScripts.script(version);
  }

  private static List<Integer> versions(Connection c) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schemagate.schema_info ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aNewDatabaseGetsEveryVersionInOneGo() throws Exception {
    JdbcDatabase db = TestPg.newDatabase();
    try (Connection c = db.open()) {
      assertEquals(0, HistorySchema.ensure(c));
      assertEquals(List.of(1, 2), versions(c));
      assertEquals(0, count(c, "schemagate.held_back"));
      assertEquals(HistorySchema.VERSION, HistorySchema.ensure(c), "nothing to do the second time");
    }
  }

  @Test
  void aVersionOneDatabaseIsUpgradedKeepingItsHistory() throws Exception {
    JdbcDatabase db = TestPg.newDatabase();
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute(script(1));
      s.execute(
          "INSERT INTO schemagate.history (track, version, phase, file, checksum, commit, applied_by, outcome)"
              + " VALUES ('orders', 1, 'expand', 'migrations/orders/0001_x/expand.sql', 'sha256:00', 'c0ffee', 'ops', 'succeeded')");
      assertEquals(1, HistorySchema.ensure(c));
      assertEquals(List.of(1, 2), versions(c));
      assertEquals(1, count(c, "schemagate.history"));
      assertEquals(0, count(c, "schemagate.held_back"));
    }
  }

  @Test
  void aFailedUpgradeLeavesTheOldVersionWhole() throws Exception {
    JdbcDatabase db = TestPg.newDatabase();
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute(script(1));
      s.execute("CREATE TABLE schemagate.held_back (x int)"); // in the way of version 2
      assertThrows(SQLException.class, () -> HistorySchema.ensure(c));
      assertEquals(List.of(1), versions(c));
      assertEquals(1, HistorySchema.installedVersion(c));
    }
  }

  @Test
  void aNewerVersionIsRefusedByName() throws Exception {
    JdbcDatabase db = TestPg.newDatabase();
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      HistorySchema.ensure(c);
      s.execute(
          "INSERT INTO schemagate.schema_info (version) VALUES ("
              + (HistorySchema.VERSION + 1)
              + ")");
      RunnerException e = assertThrows(RunnerException.class, () -> HistorySchema.ensure(c));
      assertTrue(
          e.getMessage()
              .contains(
                  "history schema version "
                      + (HistorySchema.VERSION + 1)
                      + ", written by a newer schemagate"),
          e.getMessage());
    }
  }
}
