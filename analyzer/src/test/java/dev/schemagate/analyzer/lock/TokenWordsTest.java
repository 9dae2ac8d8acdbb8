package dev.schemagate.analyzer.lock;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.schemagate.analyzer.catalog.Catalog;
import org.junit.jupiter.api.Test;

/** The version check on NULLS NOT DISTINCT reads the statement's tokens, not its raw text. */
class TokenWordsTest {

  private static String versionError(String sql) {
    return new LockModel().analyze(one(sql), new Catalog(), LockContext.of(14)).versionError();
  }

  @Test
  void nullsNotDistinctIsAPostgres15Clause() {
    assertEquals(
        "NULLS NOT DISTINCT requires PostgreSQL 15",
        versionError("CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT"));
    assertEquals(
        "NULLS NOT DISTINCT requires PostgreSQL 15",
        versionError("ALTER TABLE t ADD CONSTRAINT u UNIQUE NULLS\n  NOT DISTINCT (a)"));
  }

  @Test
  void notInACommentOrAString() {
    assertNull(versionError("CREATE UNIQUE INDEX i ON t (a) /* NULLS NOT DISTINCT on 15 */"));
    assertNull(
        versionError("COMMENT ON TABLE t IS 'rows are NULLS NOT DISTINCT once we move to 15'"));
  }
}
