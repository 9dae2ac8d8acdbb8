package dev.schemagate.analyzer.family;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.family.index.IndexFamily;
import dev.schemagate.analyzer.family.role.RoleFamily;
import dev.schemagate.analyzer.family.routine.RoutineFamily;
import dev.schemagate.analyzer.family.sequence.SequenceFamily;
import dev.schemagate.analyzer.family.session.SessionFamily;
import dev.schemagate.analyzer.family.statistics.StatisticsFamily;
import dev.schemagate.analyzer.family.type.TypeFamily;
import dev.schemagate.analyzer.family.view.ViewFamily;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FamiliesTest {

  /** One statement of each shape a family recognizes, and the family that must own its kind. */
  private static final Map<String, Class<? extends StatementFamily>> SHAPES =
      Map.ofEntries(
          Map.entry("SET lock_timeout = '1s'", SessionFamily.class),
          Map.entry("RESET ALL", SessionFamily.class),
          Map.entry("BEGIN", SessionFamily.class),
          Map.entry("COMMIT", SessionFamily.class),
          Map.entry("SAVEPOINT s", SessionFamily.class),
          Map.entry("CREATE TEMP SEQUENCE s", SequenceFamily.class),
          Map.entry("ALTER SEQUENCE s RESTART", SequenceFamily.class),
          Map.entry("DROP SEQUENCE s", SequenceFamily.class),
          Map.entry(
              "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
              RoutineFamily.class),
          Map.entry("ALTER FUNCTION f() OWNER TO x", RoutineFamily.class),
          Map.entry("DROP PROCEDURE p(int)", RoutineFamily.class),
          Map.entry(
              "CREATE CONSTRAINT TRIGGER c AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
              RoutineFamily.class),
          Map.entry("ALTER TRIGGER t1 ON t RENAME TO t2", RoutineFamily.class),
          Map.entry("DROP TRIGGER t1 ON t", RoutineFamily.class),
          Map.entry("DO $$ BEGIN END $$", RoutineFamily.class),
          Map.entry("CALL p()", RoutineFamily.class),
          Map.entry("GRANT SELECT ON t TO r", RoleFamily.class),
          Map.entry("REVOKE r FROM u", RoleFamily.class),
          Map.entry("CREATE USER u", RoleFamily.class),
          Map.entry("ALTER GROUP g ADD USER u", RoleFamily.class),
          Map.entry("DROP ROLE IF EXISTS r", RoleFamily.class),
          Map.entry("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r", RoleFamily.class),
          Map.entry("CREATE OR REPLACE VIEW v AS SELECT 1", ViewFamily.class),
          Map.entry("CREATE MATERIALIZED VIEW m AS SELECT * FROM t WITH NO DATA", ViewFamily.class),
          Map.entry("ALTER VIEW v RENAME TO w", ViewFamily.class),
          Map.entry("ALTER MATERIALIZED VIEW m SET SCHEMA s", ViewFamily.class),
          Map.entry("DROP VIEW v", ViewFamily.class),
          Map.entry("DROP MATERIALIZED VIEW IF EXISTS m", ViewFamily.class),
          Map.entry("REFRESH MATERIALIZED VIEW CONCURRENTLY m", ViewFamily.class),
          Map.entry("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", IndexFamily.class),
          Map.entry("ALTER INDEX i RENAME TO j", IndexFamily.class),
          Map.entry("DROP INDEX CONCURRENTLY IF EXISTS i", IndexFamily.class),
          Map.entry("REINDEX TABLE t", IndexFamily.class),
          Map.entry("CREATE TYPE mood AS ENUM ('a')", TypeFamily.class),
          Map.entry("CREATE TYPE pair AS (a int)", TypeFamily.class),
          Map.entry("ALTER TYPE mood ADD VALUE 'b'", TypeFamily.class),
          Map.entry("DROP TYPE mood", TypeFamily.class),
          Map.entry("CREATE DOMAIN email AS text", TypeFamily.class),
          Map.entry("ALTER DOMAIN email SET NOT NULL", TypeFamily.class),
          Map.entry("DROP DOMAIN email", TypeFamily.class),
          Map.entry("CREATE STATISTICS s ON a, b FROM t", StatisticsFamily.class),
          Map.entry("ALTER STATISTICS s SET STATISTICS 100", StatisticsFamily.class),
          Map.entry("DROP STATISTICS s", StatisticsFamily.class));

  /** Shapes that share a family's words but belong elsewhere. */
  private static final Map<String, StatementKind> NOT_THE_FAMILY =
      Map.of(
          "CREATE USER MAPPING FOR u SERVER s", StatementKind.CREATE_OTHER,
          "ALTER USER MAPPING FOR u SERVER s OPTIONS (SET password 'x')", StatementKind.ALTER_OTHER,
          "DROP USER MAPPING FOR u SERVER s", StatementKind.DROP_OTHER,
          "CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f()",
              StatementKind.CREATE_OTHER);

  @Test
  void eachFamilyOwnsWhatItRecognizes() {
    SHAPES.forEach(
        (sql, family) -> {
          StatementKind kind = one(sql).kind();
          assertEquals(
              family,
              Families.owning(kind).map(Object::getClass).orElse(null),
              sql + " (" + kind + ")");
        });
  }

  @Test
  void wordsSharedWithOtherObjectsKeepTheirKind() {
    NOT_THE_FAMILY.forEach((sql, kind) -> assertEquals(kind, one(sql).kind(), sql));
  }

  @Test
  void everyKindOfAFamilyLeadsBackToIt() {
    assertTrue(Families.all().size() > 0);
    for (StatementFamily f : Families.all()) {
      for (StatementKind k : f.kinds()) {
        assertEquals(f, Families.owning(k).orElseThrow(), k.toString());
      }
    }
  }

  @Test
  void unparsedBelongsToNoFamily() {
    assertTrue(Families.owning(StatementKind.UNPARSED).isEmpty());
  }
}
