package dev.schemagate.analyzer.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure shapes of issue 18, each through the real pipeline (splitter, parser, replayed
 * catalog, bundled policy) and {@code --fix}: what the fix writes, or that it refuses and says why.
 * Each of these failed before the fixes knew the replayed catalog, the version and the file's
 * transaction.
 */
class FixShapesTest {

  @TempDir Path dir;

  private static final String ORDERS =
      """
      CREATE TABLE orders (id bigint PRIMARY KEY, status text, ref text, total numeric, quantity int, note text);
      CREATE TABLE customers (id bigint PRIMARY KEY);
      ALTER TABLE orders ADD COLUMN customer_id bigint;
      """;

  // ------------------------------------------------------------ plain SQL files

  /** Writes the plain files, checks them as one history on PostgreSQL {@code pg}. */
  private CheckResult plain(int pg, String... namesAndTexts) throws IOException {
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      Files.writeString(dir.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
    }
    return checkPlain(pg);
  }

  private CheckResult checkPlain(int pg) {
    return new CheckRunner(s -> RuleRepo.engine())
        .check(SqlFileSet.of(List.of(dir)), new CheckOptions(pg, null));
  }

  private String fixed(CheckResult r, String name) throws IOException {
    new FixApplier(dir).apply(r);
    return Files.readString(dir.resolve(name));
  }

  private static Finding finding(CheckResult r, String rule) {
    Optional<Finding> f = r.findings().stream().filter(x -> x.rule().equals(rule)).findFirst();
    assertTrue(
        f.isPresent(),
        rule + " expected among " + r.findings().stream().map(Finding::rule).toList());
    return f.get();
  }

  @Test
  void aOneStatementPlainFileMadeConcurrentGetsNoLockTimeoutLine() throws IOException {
    CheckResult r =
        plain(
            17,
            "001_init.sql",
            ORDERS,
            "002_index.sql",
            "CREATE INDEX orders_ref_idx ON orders (ref);\n");
    // A second statement would make golang-migrate / Flyway run the file as one transaction, which
    // CONCURRENTLY cannot run in.
    assertEquals(
        "CREATE INDEX CONCURRENTLY orders_ref_idx ON orders (ref);\n", fixed(r, "002_index.sql"));
    Finding timeout =
        r.findings().stream()
            .filter(
                f ->
                    f.rule().equals("lock/missing-lock-timeout")
                        && f.path().endsWith("002_index.sql"))
            .findFirst()
            .orElseThrow();
    assertTrue(timeout.fix().refused(), timeout.fix().description());
    assertTrue(
        timeout.fix().description().contains("cannot run inside a transaction block"),
        timeout.fix().description());
  }

  @Test
  void aConcurrentPlainFileAlreadyAloneKeepsRunningAlone() throws IOException {
    CheckResult r =
        plain(
            17,
            "001_init.sql",
            ORDERS + "CREATE INDEX orders_status_idx ON orders (status);\n",
            "002_drop.sql",
            "DROP INDEX CONCURRENTLY orders_status_idx;\n",
            "003_more.sql",
            "ALTER TABLE orders ADD COLUMN extra text;\n");
    new FixApplier(dir).apply(r);
    assertEquals(
        "DROP INDEX CONCURRENTLY orders_status_idx;\n",
        Files.readString(dir.resolve("002_drop.sql")));
    assertTrue(
        Files.readString(dir.resolve("003_more.sql")).startsWith("SET lock_timeout = '2s';\n"));
  }

  @Test
  void aMultiStatementPlainFileIsNotGivenConcurrently() throws IOException {
    String text =
        "ALTER TABLE orders ADD COLUMN region text;\nCREATE INDEX orders_region_idx ON orders (region);\n";
    CheckResult r = plain(17, "001_init.sql", ORDERS, "002_region.sql", text);
    Finding f = finding(r, "lock/create-index-blocking");
    assertTrue(f.fix().refused(), f.fix().description());
    assertTrue(
        f.fix().description().contains("runs this 2-statement file as one transaction"),
        f.fix().description());
    assertFalse(fixed(r, "002_region.sql").contains("CONCURRENTLY"));
  }

  @Test
  void anExplicitTransactionBlockIsNotGivenConcurrently() throws IOException {
    String text =
        "-- postgres-migrations disable-transaction\nBEGIN;\nCREATE INDEX orders_ref_idx ON orders (ref);\nCOMMIT;\n";
    CheckResult r = plain(17, "001_init.sql", ORDERS, "002_index.sql", text);
    Finding f = finding(r, "lock/create-index-blocking");
    assertTrue(f.fix().refused(), f.fix().description());
    assertTrue(
        f.fix().description().contains("opens its own transaction (BEGIN at line 2)"),
        f.fix().description());
    assertFalse(fixed(r, "002_index.sql").contains("CONCURRENTLY"));
  }

  @Test
  void aFileOutOfItsToolsTransactionGetsConcurrentlyAndTheLockTimeoutBelowTheMarker()
      throws IOException {
    String text =
        "-- postgres-migrations disable-transaction\nALTER TABLE orders ADD COLUMN region text;\n"
            + "CREATE INDEX orders_region_idx ON orders (region);\n";
    CheckResult r = plain(17, "001_init.sql", ORDERS, "002_region.sql", text);
    assertEquals(
        "-- postgres-migrations disable-transaction\nSET lock_timeout = '2s';\n"
            + "ALTER TABLE orders ADD COLUMN region text;\nCREATE INDEX CONCURRENTLY orders_region_idx ON orders (region);\n",
        fixed(r, "002_region.sql"));
  }

  @Test
  void theLockTimeoutGoesBelowDbmatesUpMarker() throws IOException {
    String text =
        "-- a note\n-- migrate:up\nALTER TABLE orders ADD COLUMN region text;\nALTER TABLE orders ADD COLUMN zone text;\n"
            + "\n-- migrate:down\nALTER TABLE orders DROP COLUMN region;\n";
    CheckResult r = plain(17, "001_init.sql", ORDERS, "002_region.sql", text);
    assertEquals(
        "-- a note\n-- migrate:up\nSET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN region text;\n"
            + "ALTER TABLE orders ADD COLUMN zone text;\n\n-- migrate:down\nALTER TABLE orders DROP COLUMN region;\n",
        fixed(r, "002_region.sql"));
  }

  @Test
  void concurrentlyOnAPartitionedTableIsRefused() throws IOException {
    String schema =
        "CREATE TABLE events (id bigint, at date, kind text) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
            + "CREATE INDEX events_at_idx ON events (at);\n";
    CheckResult r =
        plain(
            17,
            "001_init.sql",
            schema,
            "002_index.sql",
            "CREATE INDEX events_kind_idx ON events (kind);\n",
            "003_drop.sql",
            "DROP INDEX events_at_idx;\n");
    Finding create = finding(r, "lock/create-index-blocking");
    assertTrue(
        create.fix().refused()
            && create.fix().description().contains("public.events is a partitioned table"),
        create.fix().description());
    Finding drop = finding(r, "lock/drop-index-blocking");
    assertTrue(
        drop.fix().refused()
            && drop.fix().description().contains("on the partitioned table public.events"),
        drop.fix().description());
  }

  @Test
  void refreshConcurrentlyNeedsAUniqueIndex() throws IOException {
    String schema =
        ORDERS
            + "CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status;\n";
    CheckResult r =
        plain(17, "001_init.sql", schema, "002_refresh.sql", "REFRESH MATERIALIZED VIEW totals;\n");
    Finding f = finding(r, "lock/refresh-matview-blocking");
    assertTrue(
        f.fix().refused() && f.fix().description().contains("has no unique index"),
        f.fix().description());

    Files.writeString(
        dir.resolve("001_init.sql"),
        schema + "CREATE UNIQUE INDEX totals_status ON totals (status);\n");
    CheckResult withIndex = checkPlain(17);
    assertEquals(
        "REFRESH MATERIALIZED VIEW CONCURRENTLY totals;\n", fixed(withIndex, "002_refresh.sql"));
  }

  @Test
  void refreshConcurrentlyNeedsAPopulatedView() throws IOException {
    String schema =
        ORDERS
            + "CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status"
            + " WITH NO DATA;\nCREATE UNIQUE INDEX totals_status ON totals (status);\n";
    CheckResult r =
        plain(17, "001_init.sql", schema, "002_refresh.sql", "REFRESH MATERIALIZED VIEW totals;\n");
    Finding f = finding(r, "lock/refresh-matview-blocking");
    assertTrue(
        f.fix().refused() && f.fix().description().contains("holds no data yet"),
        f.fix().description());
  }

  @Test
  void detachConcurrentlyIsRefusedWithADefaultPartition() throws IOException {
    String schema =
        "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
            + "CREATE TABLE events_other PARTITION OF events DEFAULT;\n";
    CheckResult r =
        plain(
            17,
            "001_init.sql",
            schema,
            "002_detach.sql",
            "ALTER TABLE events DETACH PARTITION events_2025;\n");
    Finding f = finding(r, "lock/detach-partition-blocking");
    assertTrue(
        f.fix().refused()
            && f.fix().description().contains("has a default partition (public.events_other)"),
        f.fix().description());
  }

  @Test
  void notValidForeignKeyOnAPartitionedTableOnlyFromPostgresql18() throws IOException {
    String schema =
        "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
            + "CREATE TABLE events (id bigint, customer_id bigint, at date) PARTITION BY RANGE (at);\n";
    String text =
        "-- postgres-migrations disable-transaction\n"
            + "ALTER TABLE events ADD CONSTRAINT events_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n";
    CheckResult r17 = plain(17, "001_init.sql", schema, "002_fk.sql", text);
    Finding f = finding(r17, "lock/foreign-key-validation");
    assertTrue(
        f.fix().refused()
            && f.fix().description().contains("PostgreSQL 17 cannot add a NOT VALID foreign key"),
        f.fix().description());
    CheckResult r18 = checkPlain(18);
    assertTrue(
        fixed(r18, "002_fk.sql")
            .contains(
                "REFERENCES customers (id) NOT VALID;\n"
                    + "ALTER TABLE events VALIDATE CONSTRAINT events_customer_fk;"));
  }

  // ------------------------------------------------------------ phase repositories

  private static final String PHASE_TABLES =
      """
      CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, quantity int, status text,
          CONSTRAINT orders_total_check CHECK (total IS NOT NULL));
      """;

  @Test
  void anUnnamedCheckGetsTheNamePostgresqlWouldChooseNotATakenOne() throws IOException {
    RuleRepo repo =
        RuleRepo.in(dir)
            .file("0001_init/expand.sql", PHASE_TABLES)
            .file("0002_check/expand.sql", "ALTER TABLE orders ADD CHECK (total >= 0);\n");
    new FixApplier(dir).apply(repo.check());
    String text = Files.readString(dir.resolve(RuleRepo.path("0002_check/expand.sql")));
    assertEquals(
        "-- schemagate:phase transactional=false\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_total_check1 CHECK (total >= 0) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check1;\n",
        text);
  }

  @Test
  void anUnnamedCheckOverSeveralColumnsIsNamedAfterTheTable() throws IOException {
    RuleRepo repo =
        RuleRepo.in(dir)
            .file("0001_init/expand.sql", PHASE_TABLES)
            .file("0002_check/expand.sql", "ALTER TABLE orders ADD CHECK (total >= quantity);\n")
            .file("0003_drop/contract.sql", "ALTER TABLE orders DROP CONSTRAINT orders_check;\n");
    new FixApplier(dir).apply(repo.check());
    String text = Files.readString(dir.resolve(RuleRepo.path("0002_check/expand.sql")));
    assertTrue(
        text.contains(
            "ADD CONSTRAINT orders_check CHECK (total >= quantity) NOT VALID;\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT orders_check;"),
        text);
  }

  @Test
  void fixesLeaveNoFindingOfTheirOwnAndASecondFixChangesNothing() throws IOException {
    RuleRepo repo =
        RuleRepo.in(dir)
            .file(
                "0001_init/expand.sql",
                PHASE_TABLES
                    + "CREATE TABLE customers (id bigint PRIMARY KEY);\nALTER TABLE orders ADD COLUMN customer_id bigint;\n")
            .file(
                "0002_link/expand.sql",
                "CREATE INDEX orders_customer_idx ON orders (customer_id);\n"
                    + "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);\n"
                    + "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n");
    CheckResult before = repo.check();
    List<String> fixedRules =
        before.findings().stream()
            .filter(f -> f.fix() != null && !f.fix().refused())
            .map(Finding::rule)
            .distinct()
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "lock/create-index-blocking",
            "lock/foreign-key-validation",
            "lock/scan-under-exclusive-lock"),
        fixedRules);
    assertFalse(new FixApplier(dir).apply(before).isEmpty());
    Path file = dir.resolve(RuleRepo.path("0002_link/expand.sql"));
    String once = Files.readString(file);
    CheckResult after = repo.check();
    List<String> left =
        after.findings().stream()
            .filter(f -> f.path().endsWith("0002_link/expand.sql"))
            .map(Finding::rule)
            .filter(r -> fixedRules.contains(r) || r.equals("lock/validate-in-same-transaction"))
            .toList();
    assertEquals(List.of(), left, once);
    assertEquals(List.of(), new FixApplier(dir).apply(after), "a second --fix changes nothing");
    assertEquals(once, Files.readString(file));
  }
}
