package dev.schemagate.runner.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom SQL gates run on PostgreSQL 17. */
class CustomSqlGateTest {

  private static Database db;

  @BeforeAll
  static void table() throws SQLException {
    db = EmbeddedPg.database();
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS gate_flags");
      s.execute("CREATE TABLE gate_flags (name text PRIMARY KEY, on_ boolean)");
      s.execute("INSERT INTO gate_flags VALUES ('maintenance', false)");
    }
  }

  private static GateResult run(String sql) {
    return run(sql, Duration.ofSeconds(5));
  }

  private static GateResult run(String sql, Duration timeout) {
    return new CustomSqlGate("check", sql, Set.of(), timeout)
        .check(new GateContext(db, "orders", 2, PhaseKind.CONTRACT, Set.of()));
  }

  @Test
  void trueFromTheDatabasePasses() {
    GateResult r = run("SELECT NOT on_ FROM gate_flags WHERE name = 'maintenance'");
    assertEquals(
        new GateResult("custom:check", GateResult.Status.PASSED, "the query returned true"), r);
  }

  @Test
  void falseFailsAndTheSecondColumnExplainsWhy() {
    GateResult r =
        run(
            "SELECT count(*) = 0, 'flags off: ' || string_agg(name, ', ') FROM gate_flags WHERE NOT on_");
    assertEquals(GateResult.Status.FAILED, r.status());
    assertEquals("the query returned false: flags off: maintenance", r.reason());
  }

  @Test
  void noRowAndNullFail() {
    assertEquals(
        "the query returned no row",
        run("SELECT true FROM gate_flags WHERE name = 'absent'").reason());
    assertEquals(
        GateResult.Status.FAILED,
        run("SELECT true FROM gate_flags WHERE name = 'absent'").status());
    GateResult nullValue = run("SELECT NULL::boolean");
    assertEquals(GateResult.Status.FAILED, nullValue.status());
    assertEquals("the query returned NULL", nullValue.reason());
  }

  @Test
  void aNonBooleanFirstColumnPassesWhenARowComesBack() {
    GateResult r = run("SELECT name FROM gate_flags ORDER BY name LIMIT 1");
    assertEquals(GateResult.Status.PASSED, r.status());
    assertEquals("the query returned \"maintenance\"", r.reason());
  }

  @Test
  void anSqlErrorFailsWithItsSqlState() {
    GateResult r = run("SELECT missing_column FROM gate_flags");
    assertEquals(GateResult.Status.FAILED, r.status());
    assertTrue(
        r.reason()
            .startsWith(
                "the query failed: SQLSTATE 42703: ERROR: column \"missing_column\" does not exist"),
        r.reason());
  }

  @Test
  void theQueryCannotWrite() throws SQLException {
    GateResult r = run("UPDATE gate_flags SET on_ = true RETURNING true");
    assertEquals(GateResult.Status.FAILED, r.status());
    assertTrue(r.reason().startsWith("the query failed: SQLSTATE 25006:"), r.reason());
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT on_ FROM gate_flags")) {
      rs.next();
      assertFalse(rs.getBoolean(1));
    }
  }

  @Test
  void aSlowQueryIsCancelledByTheTimeout() {
    long start = System.nanoTime();
    GateResult r = run("SELECT pg_sleep(10) IS NULL", Duration.ofMillis(300));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(GateResult.Status.FAILED, r.status());
    assertTrue(
        r.reason()
            .startsWith(
                "the query failed: SQLSTATE 57014: ERROR: canceling statement due to statement timeout"),
        r.reason());
    assertTrue(ms < 5_000, "took " + ms + " ms");
  }

  @Test
  void phasesRestrictWhereTheGateApplies() {
    CustomSqlGate contractOnly =
        new CustomSqlGate("c", "SELECT true", Set.of(PhaseKind.CONTRACT), Duration.ofSeconds(1));
    assertTrue(
        contractOnly.appliesTo(new GateContext(db, "orders", 2, PhaseKind.CONTRACT, Set.of())));
    assertFalse(
        contractOnly.appliesTo(new GateContext(db, "orders", 2, PhaseKind.EXPAND, Set.of())));
    CustomSqlGate always = new CustomSqlGate("a", "SELECT true", Set.of(), Duration.ofSeconds(1));
    assertTrue(always.appliesTo(new GateContext(db, "orders", 2, PhaseKind.BACKFILL, Set.of())));
  }
}
