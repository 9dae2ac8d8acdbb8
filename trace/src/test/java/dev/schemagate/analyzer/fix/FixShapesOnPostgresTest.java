package dev.schemagate.analyzer.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.trace.PgServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure shapes of issue 18 on real PostgreSQL, one history each: the rewrite the fix used to
 * write is rejected by the server (so refusing it, or writing another, is needed), and what {@code
 * --fix} writes now runs and ends with the original's schema.
 */
class FixShapesOnPostgresTest {

  private static final String ORDERS =
      "CREATE TABLE orders (id bigint PRIMARY KEY, status text, ref text, total numeric,"
          + " quantity int);\nCREATE INDEX orders_status_idx ON orders (status);\n";
  private static final String EVENTS =
      "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
          + "CREATE TABLE events (id bigint, customer_id bigint, at date, kind text) PARTITION BY RANGE (at);\n"
          + "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
          + "CREATE TABLE events_other PARTITION OF events DEFAULT;\n"
          + "CREATE INDEX events_at_idx ON events (at);\n";

  private static PolicyEngine engine;
  private static final Map<Integer, PgServer> SERVERS = new HashMap<>();
  private static int databases;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    engine = PolicyEngine.bundled();
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(PgServer::close);
  }

  private static synchronized PgServer server(int pg) {
    return SERVERS.computeIfAbsent(pg, PgServer::start);
  }

  private void write(String... namesAndTexts) throws IOException {
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      Files.writeString(dir.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
    }
  }

  private List<SqlFile> files() {
    return SqlFileSet.of(List.of(dir)).files();
  }

  /**
   * Applies the files to a new database of PostgreSQL {@code pg}; returns each file's outcome and
   * the schema.
   */
  private static Map.Entry<List<HistoryApplier.Outcome>, List<String>> apply(
      int pg, List<SqlFile> files) throws SQLException {
    String db = "shape_" + (++databases);
    server(pg).createDatabase(db, null);
    try (Connection c = server(pg).connect(db)) {
      return Map.entry(HistoryApplier.apply(c, files), SchemaSnapshot.of(c));
    }
  }

  /**
   * Checks, fixes, and asserts that the fixed history runs like the original and ends with its
   * schema; returns the check.
   */
  private CheckResult fixSoundly(int pg) throws SQLException {
    List<SqlFile> original = files();
    CheckResult result =
        new CheckRunner(s -> engine).check(SqlFileSet.of(List.of(dir)), new CheckOptions(pg, null));
    new FixApplier(dir).apply(result);
    List<SqlFile> fixed = files();
    var before = apply(pg, original);
    var after = apply(pg, fixed);
    assertTrue(
        before.getKey().stream().allMatch(HistoryApplier.Outcome::accepted),
        before.getKey().toString());
    assertTrue(
        after.getKey().stream().allMatch(HistoryApplier.Outcome::accepted),
        after.getKey().toString());
    assertEquals(
        before.getValue(), after.getValue(), "the fixed history ends with the original's schema");
    return result;
  }

  /**
   * The history with {@code name}'s text replaced is rejected by PostgreSQL {@code pg} with {@code
   * error}.
   */
  private void assertRejected(int pg, String name, String text, String error) throws SQLException {
    List<SqlFile> replaced = new ArrayList<>();
    for (SqlFile f : files()) {
      replaced.add(
          f.displayPath().endsWith(name)
              ? new SqlFile(f.path(), f.displayPath(), text, f.checksum())
              : f);
    }
    List<HistoryApplier.Outcome> outcomes = apply(pg, replaced).getKey();
    HistoryApplier.Outcome o =
        outcomes.stream().filter(x -> x.path().endsWith(name)).findFirst().orElseThrow();
    assertFalse(o.accepted(), name + " was expected to be rejected: " + text);
    assertTrue(o.error().contains(error), o.error());
  }

  private String text(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  @Test
  void aLockTimeoutLineAboveAConcurrentStatementWrapsItInATransaction() throws Exception {
    write(
        "001_init.sql", ORDERS, "002_index.sql", "CREATE INDEX orders_ref_idx ON orders (ref);\n");
    assertRejected(
        17,
        "002_index.sql",
        "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY orders_ref_idx ON orders (ref);\n",
        "cannot run inside a transaction block");
    fixSoundly(17);
    assertEquals(
        "CREATE INDEX CONCURRENTLY orders_ref_idx ON orders (ref);\n", text("002_index.sql"));
  }

  @Test
  void concurrentlyInAFileItsToolRunsAsOneTransaction() throws Exception {
    String text =
        "ALTER TABLE orders ADD COLUMN region text;\nCREATE INDEX orders_region_idx ON orders (region);\n";
    write("001_init.sql", ORDERS, "002_region.sql", text);
    assertRejected(
        17,
        "002_region.sql",
        text.replace("INDEX orders_region_idx", "INDEX CONCURRENTLY orders_region_idx"),
        "cannot run inside a transaction block");
    fixSoundly(17);
    assertFalse(text("002_region.sql").contains("CONCURRENTLY"));
  }

  @Test
  void concurrentlyInsideTheFilesOwnBeginCommit() throws Exception {
    String text =
        "-- postgres-migrations disable-transaction\nBEGIN;\nCREATE INDEX orders_ref_idx ON orders (ref);\nCOMMIT;\n";
    write("001_init.sql", ORDERS, "002_index.sql", text);
    assertRejected(
        17,
        "002_index.sql",
        text.replace("INDEX orders_ref_idx", "INDEX CONCURRENTLY orders_ref_idx"),
        "cannot run inside a transaction block");
    fixSoundly(17);
    assertEquals(text, text("002_index.sql").replace("SET lock_timeout = '2s';\n", ""));
  }

  @Test
  void anUnnamedCheckTakesAFreeNameWherePostgresqlWouldHave() throws Exception {
    write(
        "001_init.sql",
        ORDERS
            + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total IS NOT NULL);\n",
        "002_check.sql",
        "-- postgres-migrations disable-transaction\nALTER TABLE orders ADD CHECK (total >= 0);\n");
    // What the fix used to write: the name without PostgreSQL's suffix on a clash.
    assertRejected(
        17,
        "002_check.sql",
        "-- postgres-migrations disable-transaction\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n",
        "already exists");
    fixSoundly(17);
    assertTrue(
        text("002_check.sql")
            .contains("ADD CONSTRAINT orders_total_check1 CHECK (total >= 0) NOT VALID;"),
        text("002_check.sql"));
  }

  @Test
  void anUnnamedCheckOverTwoColumnsIsTheTablesCheckThatALaterDropFinds() throws Exception {
    write(
        "001_init.sql",
        "CREATE TABLE items (a int, b int);\n",
        "002_check.sql",
        "-- postgres-migrations disable-transaction\nALTER TABLE items ADD CHECK (a <= b);\n",
        "003_drop.sql",
        "ALTER TABLE items DROP CONSTRAINT IF EXISTS items_check;\n");
    List<String> original = apply(17, files()).getValue();
    // What the fix used to write: named after the first column, so the DROP … IF EXISTS misses it.
    List<SqlFile> old = new ArrayList<>();
    for (SqlFile f : files()) {
      old.add(
          !f.displayPath().endsWith("002_check.sql")
              ? f
              : new SqlFile(
                  f.path(),
                  f.displayPath(),
                  "ALTER TABLE items ADD CONSTRAINT items_a_check CHECK (a <= b) NOT VALID;\n"
                      + "ALTER TABLE items VALIDATE CONSTRAINT items_a_check;\n",
                  f.checksum()));
    }
    List<String> withOldName = apply(17, old).getValue();
    assertTrue(
        withOldName.stream().anyMatch(l -> l.contains("items_a_check")), withOldName.toString());
    assertFalse(
        original.stream().anyMatch(l -> l.contains("CHECK ((a <= b))")), original.toString());
    fixSoundly(17);
    assertTrue(
        text("002_check.sql").contains("ADD CONSTRAINT items_check CHECK (a <= b) NOT VALID;"),
        text("002_check.sql"));
  }

  @Test
  void concurrentlyOnAPartitionedTableRefreshWithoutUniqueIndexAndDetachWithADefault()
      throws Exception {
    String view =
        "CREATE MATERIALIZED VIEW kinds AS SELECT kind, count(*) AS n FROM events GROUP BY kind;\n";
    write(
        "001_init.sql",
        EVENTS + view,
        "002_index.sql",
        "CREATE INDEX events_kind_idx ON events (kind);\n",
        "003_drop.sql",
        "DROP INDEX events_at_idx;\n",
        "004_refresh.sql",
        "REFRESH MATERIALIZED VIEW kinds;\n",
        "005_detach.sql",
        "ALTER TABLE events DETACH PARTITION events_2025;\n");
    assertRejected(
        17,
        "002_index.sql",
        "CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind);\n",
        "cannot create index on partitioned table");
    assertRejected(
        17,
        "003_drop.sql",
        "DROP INDEX CONCURRENTLY events_at_idx;\n",
        "cannot drop partitioned index");
    assertRejected(
        17, "004_refresh.sql", "REFRESH MATERIALIZED VIEW CONCURRENTLY kinds;\n", "concurrently");
    assertRejected(
        17,
        "005_detach.sql",
        "ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;\n",
        "default partition");
    fixSoundly(17);
    for (String name :
        List.of("002_index.sql", "003_drop.sql", "004_refresh.sql", "005_detach.sql")) {
      assertFalse(text(name).contains("CONCURRENTLY"), name + ": " + text(name));
    }
  }

  @Test
  void aNotValidForeignKeyOnAPartitionedTableOnlyFromPostgresql18() throws Exception {
    String fk =
        "-- postgres-migrations disable-transaction\n"
            + "ALTER TABLE events ADD CONSTRAINT events_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n";
    write("001_init.sql", EVENTS, "002_fk.sql", fk);
    String notValid =
        fk.replace(
            "(id);\n",
            "(id) NOT VALID;\nALTER TABLE events VALIDATE CONSTRAINT events_customer_fk;\n");
    assertRejected(17, "002_fk.sql", notValid, "NOT VALID");
    fixSoundly(17);
    assertEquals(fk, text("002_fk.sql").replace("SET lock_timeout = '2s';\n", ""));
    fixSoundly(18);
    assertTrue(
        text("002_fk.sql").contains("REFERENCES customers (id) NOT VALID;\n"), text("002_fk.sql"));
  }

  @Test
  void reindexConcurrentlyRunsOnAPartitionedTableAndIndex() throws Exception {
    write(
        "001_init.sql",
        EVENTS,
        "002_table.sql",
        "REINDEX TABLE events;\n",
        "003_index.sql",
        "REINDEX INDEX events_at_idx;\n");
    fixSoundly(17);
    assertEquals("REINDEX TABLE CONCURRENTLY events;\n", text("002_table.sql"));
    assertEquals("REINDEX INDEX CONCURRENTLY events_at_idx;\n", text("003_index.sql"));
  }

  @Test
  void checkNotValidAndTheSetNotNullSequenceRunOnAPartitionedTable() throws Exception {
    String marker = "-- postgres-migrations disable-transaction\n";
    write(
        "001_init.sql",
        EVENTS,
        "002_check.sql",
        marker + "ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind <> '');\n",
        "003_not_null.sql",
        marker + "ALTER TABLE events ALTER COLUMN kind SET NOT NULL;\n");
    fixSoundly(17);
    assertTrue(
        text("002_check.sql").contains("CHECK (kind <> '') NOT VALID;\n"), text("002_check.sql"));
    assertTrue(
        text("003_not_null.sql")
            .contains(
                "ADD CONSTRAINT events_kind_not_null_check CHECK (kind IS NOT NULL) NOT VALID;"),
        text("003_not_null.sql"));
  }

  @Test
  void refreshConcurrentlyOfAViewCreatedWithNoData() throws Exception {
    write(
        "001_init.sql",
        ORDERS
            + "CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders"
            + " GROUP BY status WITH NO DATA;\nCREATE UNIQUE INDEX totals_status ON totals (status);\n",
        "002_refresh.sql",
        "REFRESH MATERIALIZED VIEW totals;\n",
        "003_refresh.sql",
        "REFRESH MATERIALIZED VIEW totals;\n");
    assertRejected(
        17, "002_refresh.sql", "REFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n", "not populated");
    fixSoundly(17);
    // Not concurrent, so it may share a transaction with the lock_timeout line.
    assertEquals(
        "SET lock_timeout = '2s';\nREFRESH MATERIALIZED VIEW totals;\n", text("002_refresh.sql"));
    assertEquals("REFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n", text("003_refresh.sql"));
  }
}
