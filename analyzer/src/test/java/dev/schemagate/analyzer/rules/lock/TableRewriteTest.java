package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lock/table-rewrite on real SQL (docs/rules/lock/table-rewrite.md), version by version. */
class TableRewriteTest {

  private static final String RULE = "lock/table-rewrite";
  private static final String FILE = "0002_change/expand.sql";

  @TempDir Path dir;

  private CheckResult change(int pg, String sql) {
    return RuleRepo.withTables(dir).pg(pg).file(FILE, "SET lock_timeout = '2s';\n" + sql).check();
  }

  @Test
  void volatileDefaultRewrites() {
    CheckResult r =
        change(
            17, "ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();\n");
    assertFires(r, RULE, path(FILE), 2);
  }

  @Test
  void columnThenSetDefaultIsTheSafeRewrite() {
    CheckResult r =
        change(
            17,
            """
        ALTER TABLE orders ADD COLUMN token uuid;
        ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
        """);
    assertSilent(r, RULE);
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void constantAndStableDefaultsAreCatalogOnly(int pg) {
    CheckResult r =
        change(
            pg,
            """
        ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0;
        ALTER TABLE orders ADD COLUMN imported_at timestamptz DEFAULT now();
        ALTER TABLE orders ADD COLUMN source text DEFAULT 'web'::text;
        """);
    assertSilent(r, RULE);
  }

  @Test
  void serialAndIdentityColumnsRewrite() {
    CheckResult r =
        change(
            17,
            """
        ALTER TABLE customers ADD COLUMN legacy_id bigserial;
        ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
        """);
    assertFiresAt(r, RULE, path(FILE) + ":2", path(FILE) + ":3");
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void storedGeneratedColumnRewrites(int pg) {
    CheckResult r =
        change(
            pg,
            "ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) STORED;\n");
    assertFires(r, RULE, path(FILE), 2);
  }

  @Test
  void virtualGeneratedColumnDoesNotRewriteOnPostgres18() {
    CheckResult r =
        change(
            18,
            """
        ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) VIRTUAL;
        ALTER TABLE orders ADD COLUMN total_doubled numeric GENERATED ALWAYS AS (total * 2);
        """);
    assertSilent(r, RULE);
  }

  @Test
  void virtualGeneratedColumnIsRefusedBeforePostgres18() {
    CheckResult r =
        change(
            17,
            "ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) VIRTUAL;\n");
    // PostgreSQL 17 rejects the statement: no rule reports it as a rewrite; the facts say why.
    assertSilent(r, RULE);
    assertNotNull(statement(r, FILE, 1).versionError());
    assertNull(
        statement(
                change(
                    18,
                    "ALTER TABLE orders ADD COLUMN t numeric GENERATED ALWAYS AS (total * 1.2) VIRTUAL;\n"),
                FILE,
                1)
            .versionError());
  }

  @Test
  void setExpressionRewritesAStoredColumnOnPostgres17() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .pg(17)
            .file(
                "0002_tax/expand.sql",
                "SET lock_timeout = '2s';\n"
                    + "ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) STORED;\n")
            .file(
                "0003_tax_rate/expand.sql",
                "SET lock_timeout = '2s';\n"
                    + "ALTER TABLE orders ALTER COLUMN total_with_tax SET EXPRESSION AS (total * 1.25);\n")
            .check();
    assertFiresAt(
        r, RULE, path("0002_tax/expand.sql") + ":2", path("0003_tax_rate/expand.sql") + ":2");
  }

  @Test
  void setExpressionOfAVirtualColumnIsCatalogOnlyOnPostgres18() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .pg(18)
            .file(
                "0002_tax/expand.sql",
                "SET lock_timeout = '2s';\n"
                    + "ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) VIRTUAL;\n")
            .file(
                "0003_tax_rate/expand.sql",
                "SET lock_timeout = '2s';\n"
                    + "ALTER TABLE orders ALTER COLUMN total_with_tax SET EXPRESSION AS (total * 1.25);\n")
            .check();
    assertSilent(r, RULE);
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void intToBigintRewrites(int pg) {
    CheckResult r = change(pg, "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;\n");
    assertFires(r, RULE, path(FILE), 2);
  }

  @Test
  void varcharWideningIsCatalogOnlyButNarrowingRewrites() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                "CREATE TABLE tags (id bigint PRIMARY KEY, code varchar(10), label varchar(100));\n")
            .file(
                FILE,
                """
            SET lock_timeout = '2s';
            ALTER TABLE tags ALTER COLUMN code TYPE varchar(100);
            ALTER TABLE tags ALTER COLUMN code TYPE text;
            ALTER TABLE tags ALTER COLUMN label TYPE varchar(5);
            """)
            .check();
    assertFires(r, RULE, path(FILE), 4);
  }

  @Test
  void setLoggedUnloggedAndTablespaceRewrite() {
    CheckResult r =
        change(
            17,
            """
        ALTER TABLE orders SET UNLOGGED;
        ALTER TABLE customers SET LOGGED;
        ALTER TABLE orders SET TABLESPACE archive;
        """);
    assertFiresAt(r, RULE, path(FILE) + ":2", path(FILE) + ":3", path(FILE) + ":4");
  }

  @Test
  void vacuumFullAndClusterRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_compact/contract.sql",
                """
        -- schemagate:phase transactional=false
        SET lock_timeout = '2s';
        VACUUM FULL orders;
        CLUSTER orders USING orders_customer_id_idx;
        """)
            .check();
    String file = path("0002_compact/contract.sql");
    assertFiresAt(r, RULE, file + ":3", file + ":4");
  }

  @Test
  void tableCreatedEarlierInTheSamePhaseIsNotALockHazard() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE notes (id integer PRIMARY KEY, body text);
        ALTER TABLE notes ALTER COLUMN id TYPE bigint;
        ALTER TABLE notes ADD COLUMN token uuid DEFAULT gen_random_uuid();
        """)
            .check();
    assertSilent(r, RULE);
  }

  /** The facts of the {@code index}-th statement (0-based) of a phase file. */
  private static StatementFacts statement(CheckResult r, String file, int index) {
    FileResult f =
        r.files().stream().filter(x -> x.path().equals(path(file))).findFirst().orElseThrow();
    assertEquals(path(file), f.path());
    return f.statements().get(index);
  }

  /**
   * Issue 13: a table created by CREATE TABLE … AS in the same file, given an identity column (a
   * rewrite of the new, empty table) and a foreign key to an existing table, blamed that other
   * table for the rewrite. Only the rewritten table can be blamed, and a new one is no hazard.
   */
  @Test
  void rewriteOfATableCreatedInTheSameFileBlamesNoOtherTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        CREATE TABLE order_archive AS SELECT id AS order_id, total FROM orders WHERE created_at < now() - interval '1 year';
        ALTER TABLE order_archive ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY, ADD customer_id bigint REFERENCES customers;
        """)
            .check();
    assertSilent(r, RULE);
  }

  /**
   * Issue 13: the file's own SET timezone = 'UTC' makes timestamp → timestamptz metadata only (PG
   * 12+); one real file gave 82 false table-rewrite and 82 false exclusive-lock-held findings.
   */
  @Test
  void timestampToTimestamptzAfterTheFileSetsUtcRewritesNothing() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN shipped_at timestamp;
        SET timezone = 'UTC';
        ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz USING shipped_at;
        """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/exclusive-lock-held");

    CheckResult unknownZone =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN shipped_at timestamp;
        ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz USING shipped_at;
        """)
            .check();
    assertFires(unknownZone, RULE, path(FILE), 3);
  }
}
