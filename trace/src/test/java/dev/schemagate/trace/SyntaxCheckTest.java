package dev.schemagate.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL 17's grammar through a PL/pgSQL function body, on an empty database: what it rejects,
 * what it accepts without the objects existing, and the statements it cannot check.
 */
class SyntaxCheckTest {

  static SyntaxCheck check;

  @BeforeAll
  static void start() {
    check = new SyntaxCheck(path -> 17);
  }

  @AfterAll
  static void stop() {
    check.close();
  }

  static Optional<String> error(String sql) throws Exception {
    List<SqlStatement> statements = SqlSplitter.split("t.sql", sql).statements();
    assertEquals(1, statements.size(), sql);
    return check.error(17, statements.get(0));
  }

  @Test
  void syntaxErrorsAreRejectedWithPostgresqlsMessage() throws Exception {
    Map<String, String> rejected = new LinkedHashMap<>();
    rejected.put("ALTER TABLE t ADD COLUM x int;", "ERROR: syntax error at or near \"int\"");
    rejected.put("ALTER TABLE t ADD COLUMN y int DEFAULT;", "ERROR: syntax error at end of input");
    rejected.put("SELEC 1;", "ERROR: syntax error at or near \"SELEC\"");
    rejected.put("CREATE INDEX CONCURRENTLY ON t;", "ERROR: syntax error at end of input");
    for (Map.Entry<String, String> e : rejected.entrySet()) {
      assertEquals(Optional.of(e.getValue()), error(e.getKey()), e.getKey());
    }
    // The limit of a grammar check: an option name is checked when the statement runs.
    assertEquals(Optional.empty(), error("VACUUM (FULLL) t;"));
  }

  @Test
  void validStatementsPassWithoutTheirObjectsAndWithoutRunning() throws Exception {
    for (String sql :
        List.of(
            "ALTER TABLE missing ADD COLUMN x int NOT NULL DEFAULT 0;",
            "CREATE INDEX CONCURRENTLY items_name_idx ON items (name);",
            "VACUUM (ANALYZE) items;",
            "ALTER TYPE mood ADD VALUE 'meh';",
            "UPDATE items SET note = name WHERE id BETWEEN $1 AND $2;",
            "DO $$ BEGIN RAISE NOTICE 'x'; END $$;",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
            "START TRANSACTION;",
            "SAVEPOINT s1;",
            "COMMIT;",
            "SET lock_timeout = '2s';",
            "INSERT INTO items (name) SELECT 'a';",
            "COPY items FROM '/nonexistent' WITH (FORMAT csv);")) {
      assertEquals(Optional.empty(), error(sql), sql);
    }
  }

  @Test
  void statementsPlpgsqlReadsItselfAreLeftUnchecked() throws Exception {
    int before = check.unchecked();
    assertEquals(Optional.empty(), error("BEGIN;"));
    assertEquals(Optional.empty(), error("SELECT * INTO new_items FROM items;"));
    assertEquals(Optional.empty(), error("FETCH 10 FROM c;"));
    assertEquals(before + 3, check.unchecked());
  }
}
