package dev.schemagate.analyzer.family.session;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionRecognitionTest {

  private static SettingChange setting(String sql) {
    return one(sql)
        .detail(SettingChange.class)
        .orElseThrow(() -> new AssertionError("no setting read from " + sql));
  }

  @Test
  void sessionSettings() {
    ParsedStatement lt = one("SET lock_timeout = '5s'");
    assertEquals(StatementKind.SET, lt.kind());
    assertEquals(new SettingChange("lock_timeout", "5s"), setting("SET lock_timeout = '5s'"));
    assertFalse(lt.has(Flag.LOCAL));
    assertTrue(one("SET LOCAL statement_timeout TO 0").has(Flag.LOCAL));
    assertEquals(
        new SettingChange("statement_timeout", "0"), setting("SET LOCAL statement_timeout TO 0"));
    assertEquals(
        new SettingChange("search_path", "app, public"), setting("SET search_path TO app, public"));
    assertEquals(new SettingChange("role", "admin"), setting("SET ROLE admin"));
    assertEquals(
        new SettingChange("session_authorization", "bob"),
        setting("SET SESSION AUTHORIZATION 'bob'"));
    assertEquals(new SettingChange("timezone", "UTC"), setting("SET TIME ZONE 'UTC'"));
    assertEquals("myapp.tenant", setting("SET myapp.tenant = 'x'").setting());
    ParsedStatement tx = one("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
    assertEquals("transaction", tx.detail(SettingChange.class).orElseThrow().setting());
    assertTrue(tx.has(Flag.LOCAL));
    ParsedStatement reset = one("RESET lock_timeout");
    assertEquals(StatementKind.RESET, reset.kind());
    assertEquals(new SettingChange("lock_timeout", null), setting("RESET lock_timeout"));
    assertEquals(new SettingChange("all", null), setting("RESET ALL"));
  }

  @Test
  void aSetWithoutValueSyntaxIsNotASetting() {
    // "SET lock_timeout" alone is not SQL; the recognizer must not invent a setting
    assertEquals(StatementKind.UNPARSED, one("SET lock_timeout").kind());
  }

  @Test
  void transactionControl() {
    Map<String, String> cases =
        Map.of(
            "BEGIN",
            "begin",
            "BEGIN ISOLATION LEVEL SERIALIZABLE",
            "begin",
            "START TRANSACTION",
            "begin",
            "COMMIT",
            "commit",
            "END",
            "commit",
            "ROLLBACK",
            "rollback",
            "ABORT",
            "rollback",
            "SAVEPOINT s1",
            "savepoint",
            "RELEASE SAVEPOINT s1",
            "release",
            "ROLLBACK TO SAVEPOINT s1",
            "rollback");
    cases.forEach(
        (sql, verb) -> {
          ParsedStatement p = one(sql);
          assertEquals(StatementKind.TRANSACTION_CONTROL, p.kind(), sql);
          assertEquals(verb, p.detail(TransactionControl.class).orElseThrow().verb(), sql);
        });
    assertTrue(one("BEGIN").has(Flag.BEGIN));
    assertTrue(one("COMMIT").has(Flag.END));
    assertTrue(one("ROLLBACK").has(Flag.END));
    assertFalse(
        one("ROLLBACK TO s1").has(Flag.END),
        "rolling back to a savepoint keeps the transaction open");
    assertEquals(
        new TransactionControl("release", "s1"),
        one("RELEASE s1").detail(TransactionControl.class).orElseThrow());
    assertEquals(
        new TransactionControl("commit_prepared", null),
        one("COMMIT PREPARED 'x'").detail(TransactionControl.class).orElseThrow());
  }
}
