package dev.schemagate.runner.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One reading of --db for every command, as psql reads it (issue 12: plan refused what can-deploy
 * took).
 */
class PgTargetTest {

  static final Map<String, String> NO_ENV = Map.of();

  @Test
  void aJdbcUrlIsKeptAndItsUserComesFromTheUrlThenPgUser() {
    PgTarget t =
        PgTarget.parse("jdbc:postgresql://db1:5433/orders?user=app", Map.of("PGUSER", "other"));
    assertEquals("jdbc:postgresql://db1:5433/orders?user=app", t.jdbcUrl());
    assertEquals("app", t.user());
    assertEquals("postgresql://db1:5433/orders", t.shown());
    assertEquals(
        "other", PgTarget.parse("jdbc:postgresql://db1/orders", Map.of("PGUSER", "other")).user());
  }

  @Test
  void aLibpqUriBecomesTheSameJdbcUrlWithItsUserAndSslMode() {
    PgTarget t =
        PgTarget.parse(
            "postgresql://app@db1:5433/orders?sslmode=require&connect_timeout=5", NO_ENV);
    assertEquals("jdbc:postgresql://db1:5433/orders?sslmode=require&connectTimeout=5", t.jdbcUrl());
    assertEquals("app", t.user());
    assertEquals("postgresql://db1:5433/orders", t.shown());
    assertEquals(
        "jdbc:postgresql://[::1]:5432/orders",
        PgTarget.parse("postgres://app@[::1]/orders", NO_ENV).jdbcUrl());
  }

  @Test
  void whatTheUriLeavesOutComesFromThePgVariablesAsInLibpq() {
    Map<String, String> env =
        Map.of(
            "PGHOST",
            "db2",
            "PGPORT",
            "6432",
            "PGDATABASE",
            "shop",
            "PGUSER",
            "ci",
            "PGSSLMODE",
            "verify-full");
    PgTarget t = PgTarget.parse("postgresql:///orders", env);
    assertEquals("jdbc:postgresql://db2:6432/orders?sslmode=verify-full", t.jdbcUrl());
    assertEquals("ci", t.user());
    PgTarget none = PgTarget.parse(null, env);
    assertEquals("jdbc:postgresql://db2:6432/shop?sslmode=verify-full", none.jdbcUrl());
    assertEquals("postgresql://db2:6432/shop", none.shown());
    assertEquals(
        "jdbc:postgresql://localhost:5432/ci",
        PgTarget.parse(null, Map.of("PGDATABASE", "ci")).jdbcUrl());
  }

  @Test
  void aKeywordValueStringAsPsqlTakesIt() {
    PgTarget t =
        PgTarget.parse("host=db1 port=5433 dbname=orders user=app sslmode=disable", NO_ENV);
    assertEquals("jdbc:postgresql://db1:5433/orders?sslmode=disable", t.jdbcUrl());
    assertEquals("app", t.user());
  }

  @Test
  void badInputIsOneLineNamingWhatIsWrong() {
    assertEquals(
        "--db mysql://db1/orders: expected jdbc:postgresql://HOST[:PORT]/DB, postgresql://[USER@]HOST[:PORT]/DB"
            + " or \"host=HOST port=PORT dbname=DB\" (or set PGHOST/PGDATABASE)",
        assertThrows(
                IllegalArgumentException.class, () -> PgTarget.parse("mysql://db1/orders", NO_ENV))
            .getMessage());
    assertEquals(
        "no database given: pass --db (jdbc:postgresql://HOST[:PORT]/DB, postgresql://[USER@]HOST[:PORT]/DB"
            + " or \"host=HOST port=PORT dbname=DB\" (or set PGHOST/PGDATABASE))",
        assertThrows(IllegalArgumentException.class, () -> PgTarget.parse(null, NO_ENV))
            .getMessage());
    assertEquals(
        "--db port \"x\": expected a number",
        assertThrows(
                IllegalArgumentException.class,
                () -> PgTarget.parse("postgresql://db1:x/orders", NO_ENV))
            .getMessage());
    assertEquals(
        "--db parameter \"gssencmode\" is not supported; supported: host, port, dbname, user, connect_timeout,"
            + " options, sslcert, sslkey, sslmode, sslrootcert, target_session_attrs",
        assertThrows(
                IllegalArgumentException.class,
                () -> PgTarget.parse("postgresql://db1/orders?gssencmode=disable", NO_ENV))
            .getMessage());
  }

  @Test
  void aPasswordInAnyFormIsRefusedWithoutEchoingIt() {
    for (String db :
        new String[] {
          "postgresql://app:Secret-1@db1/orders",
          "jdbc:postgresql://db1/orders?password=Secret-1",
          "host=db1 dbname=orders password=Secret-1"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PgTarget.parse(db, NO_ENV));
      assertEquals(
          "--db must not carry a password (it would show in process lists and logs); give it in PGPASSWORD"
              + " or --password-file",
          e.getMessage());
      assertFalse(e.getMessage().contains("Secret-1"));
    }
  }
}
