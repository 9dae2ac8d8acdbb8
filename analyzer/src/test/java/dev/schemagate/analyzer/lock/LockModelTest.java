package dev.schemagate.analyzer.lock;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ACCESS_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.ROW_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ROW_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock model beyond the one-statement table of {@link LockModelSqlTest}: sequences of
 * statements that change the answer (a CHECK that proves NOT NULL once validated, PostgreSQL 18 NOT
 * NULL … NOT VALID, default partitions, relations new in the phase), notes, and the context
 * (versions, default schema). All statements are real SQL text.
 */
class LockModelTest {

  private static final LockModel MODEL = new LockModel();

  static final String BASE =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY);
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers, status varchar(20),
        amount numeric(10,2), created_at timestamp, note text);
      CREATE INDEX orders_status_idx ON orders (status);
      CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;
      """;

  static Catalog base() {
    return Sql.replay(BASE);
  }

  static StatementFacts run(int v, Catalog c, String sql) {
    return MODEL.analyze(Sql.one(sql), c, LockContext.of(v));
  }

  static StatementFacts run(int v, String sql) {
    return run(v, base(), sql);
  }

  static void assertLocks(StatementFacts f, Object... pairs) {
    Map<String, LockMode> expected = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      expected.put((String) pairs[i], (LockMode) pairs[i + 1]);
    }
    Map<String, LockMode> actual = new LinkedHashMap<>();
    for (RelationLock l : f.locks()) {
      actual.put(l.relation(), l.mode());
    }
    assertEquals(
        expected,
        actual,
        () -> "locks of " + f.statement().source().text() + "; notes " + f.notes());
  }

  static boolean noted(StatementFacts f, String fragment) {
    return f.notes().stream().anyMatch(n -> n.contains(fragment));
  }

  // ------------------------------------------------------------------ ADD COLUMN notes

  @Test
  void addColumnExplainsItsAnswer() {
    StatementFacts constant =
        run(16, "ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false");
    assertFalse(constant.rewrite());
    assertTrue(noted(constant, "non-volatile default"), constant.notes().toString());

    StatementFacts volatileDefault =
        run(16, "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()");
    assertTrue(volatileDefault.rewrite());
    assertTrue(noted(volatileDefault, "volatile default"), volatileDefault.notes().toString());

    StatementFacts notNull = run(16, "ALTER TABLE orders ADD COLUMN region text NOT NULL");
    assertTrue(noted(notNull, "fails if the table has rows"), notNull.notes().toString());
    assertFalse(notNull.rewrite());
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void virtualGeneratedColumn(int v) {
    StatementFacts f =
        run(
            v,
            "ALTER TABLE orders ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL");
    assertEquals(v < 18, f.versionError() != null, String.valueOf(f.versionError()));
    assertFalse(f.rewrite());
    if (v == 18) {
      assertTrue(noted(f, "computed on read"));
    }
  }

  // ------------------------------------------------------------------ ALTER COLUMN TYPE notes

  @Test
  void typeChangesExplainTheirAnswer() {
    StatementFacts tz = run(16, "ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz");
    assertTrue(tz.rewrite());
    assertTrue(noted(tz, "UTC"), tz.notes().toString());

    StatementFacts indexed =
        run(16, "ALTER TABLE orders ALTER COLUMN status TYPE integer USING status::integer");
    assertTrue(indexed.rewrite());
    assertTrue(noted(indexed, "indexes on status are rebuilt"), indexed.notes().toString());

    StatementFacts widened = run(16, "ALTER TABLE orders ALTER COLUMN status TYPE varchar(200)");
    assertFalse(widened.rewrite());
    assertTrue(noted(widened, "metadata only"), widened.notes().toString());

    StatementFacts unknown = run(16, "ALTER TABLE legacy ALTER COLUMN x TYPE text");
    assertTrue(unknown.rewrite());
    assertTrue(noted(unknown, "unknown: assumed rewrite"), unknown.notes().toString());
    assertTrue(noted(unknown, "assumed to exist and hold rows"), unknown.notes().toString());
  }

  @Test
  void aTypeChangeFollowsEarlierTypeChanges() {
    Catalog c = base();
    Sql.apply(c, "ALTER TABLE orders ALTER COLUMN status TYPE varchar(100)");
    assertFalse(run(16, c, "ALTER TABLE orders ALTER COLUMN status TYPE varchar(150)").rewrite());
    assertTrue(
        run(16, c, "ALTER TABLE orders ALTER COLUMN status TYPE varchar(50)").rewrite(),
        "varchar(100) → varchar(50) narrows: the catalog knows the column is varchar(100) now");
  }

  // ------------------------------------------------------------------ NOT NULL

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void setNotNullIsProvenByAValidatedCheck(int v) {
    Catalog c = base();
    String setNotNull = "ALTER TABLE orders ALTER COLUMN status SET NOT NULL";
    StatementFacts scanned = run(v, c, setNotNull);
    assertLocks(scanned, "public.orders", ACCESS_EXCLUSIVE);
    assertTrue(scanned.scan());

    Sql.apply(
        c,
        "ALTER TABLE orders ADD CONSTRAINT orders_status_nn CHECK (status IS NOT NULL) NOT VALID");
    assertTrue(run(v, c, setNotNull).scan(), "a NOT VALID check proves nothing");

    StatementFacts validate = run(v, c, "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn");
    assertLocks(validate, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertTrue(validate.scan());
    assertFalse(validate.strongestLockOnExisting().blocksWrites());

    Sql.apply(c, "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn");
    StatementFacts proven = run(v, c, setNotNull);
    assertFalse(proven.scan(), proven.notes().toString());
    assertTrue(noted(proven, "proves the column"), proven.notes().toString());
    assertLocks(proven, "public.orders", ACCESS_EXCLUSIVE);
  }

  @Test
  void aCheckOnAnotherColumnOrWithMoreConditionsProvesNothing() {
    Catalog c =
        Sql.apply(
            base(),
            """
        ALTER TABLE orders ADD CONSTRAINT c1 CHECK (note IS NOT NULL);
        ALTER TABLE orders ADD CONSTRAINT c2 CHECK (status IS NOT NULL AND status <> '');
        """);
    assertTrue(run(16, c, "ALTER TABLE orders ALTER COLUMN status SET NOT NULL").scan());
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void notNullNotValidIsPostgres18(int v) {
    Catalog c = base();
    String add = "ALTER TABLE orders ADD CONSTRAINT orders_status_nn NOT NULL status NOT VALID";
    StatementFacts f = run(v, c, add);
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
    assertFalse(f.scan());
    if (v < 18) {
      assertNotNull(f.versionError());
      return;
    }
    assertNull(f.versionError());
    Sql.apply(c, add);
    StatementFacts validate = run(v, c, "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn");
    assertLocks(validate, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertTrue(validate.scan());
    assertNull(validate.versionError());
    Sql.apply(c, "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn");
    assertFalse(
        run(v, c, "ALTER TABLE orders ALTER COLUMN status SET NOT NULL").scan(),
        "the column is NOT NULL once the constraint is validated");
  }

  // ------------------------------------------------------------------ constraints

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void foreignKeyNotValidThenValidate(int v) {
    Catalog c = Sql.apply(base(), "CREATE TABLE shipments (id bigint, order_id bigint)");
    String add =
        "ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders NOT VALID";
    StatementFacts f = run(v, c, add);
    assertLocks(f, "public.shipments", SHARE_ROW_EXCLUSIVE, "public.orders", SHARE_ROW_EXCLUSIVE);
    assertFalse(f.scan());
    Sql.apply(c, add);
    StatementFacts validate =
        run(v, c, "ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fk");
    assertLocks(validate, "public.shipments", SHARE_UPDATE_EXCLUSIVE, "public.orders", ROW_SHARE);
    assertTrue(validate.scan());
    Sql.apply(c, "ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fk");
    StatementFacts again =
        run(v, c, "ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fk");
    assertFalse(again.scan(), "already valid");
  }

  @Test
  void foreignKeyByGeneratedNameIsFound() {
    // CREATE TABLE orders (… customer_id int REFERENCES customers …) named it
    // orders_customer_id_fkey.
    StatementFacts drop = run(16, "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey");
    assertLocks(drop, "public.orders", ACCESS_EXCLUSIVE, "public.customers", ACCESS_EXCLUSIVE);
    StatementFacts unknown = run(16, "ALTER TABLE orders DROP CONSTRAINT no_such_fk");
    assertLocks(unknown, "public.orders", ACCESS_EXCLUSIVE);
    assertTrue(noted(unknown, "unknown"), unknown.notes().toString());
  }

  @Test
  void primaryKeyUsingIndexScansOnlyForNullableColumns() {
    Catalog c =
        Sql.apply(
            base(),
            """
        CREATE UNIQUE INDEX CONCURRENTLY orders_note_uniq ON orders (note);
        CREATE TABLE tags (name text NOT NULL);
        CREATE UNIQUE INDEX CONCURRENTLY tags_name_uniq ON tags (name);
        """);
    StatementFacts nullable =
        run(
            16,
            c,
            "ALTER TABLE orders ADD CONSTRAINT orders_note_pk PRIMARY KEY USING INDEX orders_note_uniq");
    assertTrue(nullable.scan(), nullable.notes().toString());
    StatementFacts notNull =
        run(
            16,
            c,
            "ALTER TABLE tags ADD CONSTRAINT tags_pk PRIMARY KEY USING INDEX tags_name_uniq");
    assertFalse(notNull.scan(), notNull.notes().toString());
    assertLocks(
        notNull, "public.tags", ACCESS_EXCLUSIVE, "public.tags_name_uniq", SHARE_UPDATE_EXCLUSIVE);
  }

  @Test
  void setExpressionOnAVirtualColumnDoesNotRewrite() {
    Catalog c =
        Sql.apply(
            base(),
            "ALTER TABLE orders ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL");
    StatementFacts f =
        run(18, c, "ALTER TABLE orders ALTER COLUMN half SET EXPRESSION AS (amount / 3)");
    assertFalse(f.rewrite(), f.notes().toString());
    assertNull(f.versionError());
    assertTrue(
        run(18, c, "ALTER TABLE orders ALTER COLUMN amount SET EXPRESSION AS (1)").rewrite(),
        "not a virtual column: assumed stored");
  }

  // ------------------------------------------------------------------ partitions

  static Catalog partitionedWithDefault() {
    return Sql.replay(
        """
        CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE events_other PARTITION OF events DEFAULT;
        CREATE TABLE events_2025 (id int, at date);
        CREATE INDEX events_at_idx ON events (at);
        """);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void theDefaultPartitionIsLockedAndScannedWhenAPartitionIsAdded(int v) {
    Catalog c = partitionedWithDefault();
    StatementFacts attach =
        run(
            v,
            c,
            "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
    assertLocks(
        attach,
        "public.events",
        SHARE_UPDATE_EXCLUSIVE,
        "public.events_2025",
        ACCESS_EXCLUSIVE,
        "public.events_other",
        ACCESS_EXCLUSIVE);
    assertTrue(attach.scan());

    StatementFacts create =
        run(
            v,
            c,
            "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
    assertLocks(
        create,
        "public.events_2026",
        ACCESS_EXCLUSIVE,
        "public.events",
        ACCESS_EXCLUSIVE,
        "public.events_other",
        ACCESS_EXCLUSIVE);
    assertTrue(create.scan());
    assertEquals(List.of("public.events_2026"), create.newRelations());

    StatementFacts detach = run(v, c, "ALTER TABLE events DETACH PARTITION events_2024");
    assertLocks(
        detach,
        "public.events",
        ACCESS_EXCLUSIVE,
        "public.events_2024",
        ACCESS_EXCLUSIVE,
        "public.events_other",
        ACCESS_EXCLUSIVE);
  }

  @Test
  void indexesOnPartitionedTables() {
    Catalog c = partitionedWithDefault();
    StatementFacts plain = run(16, c, "CREATE INDEX events_id_idx ON events (id)");
    assertLocks(
        plain,
        "public.events",
        SHARE,
        "public.events_2024",
        SHARE,
        "public.events_other",
        SHARE,
        "public.events_id_idx",
        ACCESS_EXCLUSIVE);
    assertEquals(
        List.of(
            "public.events", "public.events_2024", "public.events_other", "public.events_id_idx"),
        plain.locks().stream().map(RelationLock::relation).toList(),
        "locks in the order taken, partitions as created");
    StatementFacts only = run(16, c, "CREATE INDEX events_id_idx ON ONLY events (id)");
    assertFalse(only.scan());
    StatementFacts concurrently =
        run(16, c, "CREATE INDEX CONCURRENTLY events_id_idx ON events (id)");
    assertTrue(
        noted(concurrently, "refused on a partitioned table"), concurrently.notes().toString());
    StatementFacts reindex = run(16, c, "REINDEX INDEX events_at_idx");
    assertFalse(
        reindex.transactional(),
        "REINDEX of a partitioned index runs one transaction per partition");
  }

  @Test
  void droppingAPartitionLocksItsParent() {
    Catalog c = partitionedWithDefault();
    assertLocks(
        run(16, c, "DROP TABLE events_2024"),
        "public.events_2024",
        ACCESS_EXCLUSIVE,
        "public.events",
        ACCESS_EXCLUSIVE);
  }

  @Test
  void foreignKeyOnAPartitionedTableIsAssumedAccessExclusive() {
    Catalog c = Sql.apply(partitionedWithDefault(), "CREATE TABLE sources (id int PRIMARY KEY)");
    StatementFacts f =
        run(16, c, "ALTER TABLE events ADD FOREIGN KEY (id) REFERENCES sources NOT VALID");
    assertEquals(ACCESS_EXCLUSIVE, f.locks().get(0).mode());
    assertEquals(
        SHARE_ROW_EXCLUSIVE,
        f.locks().stream()
            .filter(l -> l.relation().equals("public.sources"))
            .findFirst()
            .orElseThrow()
            .mode());
    assertTrue(noted(f, "unsure"));
  }

  // ------------------------------------------------------------------ other statements

  @Test
  void multiActionAlterTableExplainsTheStrongestLock() {
    StatementFacts f =
        run(
            16,
            "ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500, "
                + "ADD COLUMN token uuid DEFAULT gen_random_uuid(), VALIDATE CONSTRAINT orders_customer_id_fkey");
    // The foreign key is already valid: VALIDATE does nothing, so no ROW SHARE on customers.
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
    assertTrue(f.rewrite());
    assertTrue(noted(f, "strongest"), f.notes().toString());
    assertTrue(noted(f, "already valid"), f.notes().toString());
  }

  @Test
  void dropTableReferencedByAnotherTable() {
    StatementFacts plain = run(16, "DROP TABLE customers");
    assertTrue(noted(plain, "fails without CASCADE"), plain.notes().toString());
    assertLocks(plain, "public.customers", ACCESS_EXCLUSIVE);
    StatementFacts cascade = run(16, "DROP TABLE customers CASCADE");
    assertLocks(cascade, "public.customers", ACCESS_EXCLUSIVE, "public.orders", ACCESS_EXCLUSIVE);
  }

  @Test
  void createIndexIfNotExistsOnAnExistingIndexStillLocksTheTable() {
    StatementFacts f = run(16, "CREATE INDEX IF NOT EXISTS orders_status_idx ON orders (status)");
    assertLocks(f, "public.orders", SHARE);
    assertFalse(f.scan());
    assertTrue(noted(f, "no build"), f.notes().toString());
  }

  @Test
  void unknownIndexesAreTolerated() {
    StatementFacts f = run(16, "DROP INDEX IF EXISTS no_such_idx");
    assertLocks(f, "public.no_such_idx", ACCESS_EXCLUSIVE);
    assertTrue(noted(f, "cannot be named"), f.notes().toString());
  }

  @Test
  void lockTableTakesTheNamedMode() {
    Object[][] rows = {
      {"ACCESS SHARE", ACCESS_SHARE},
      {"ROW SHARE", ROW_SHARE},
      {"ROW EXCLUSIVE", ROW_EXCLUSIVE},
      {"SHARE UPDATE EXCLUSIVE", SHARE_UPDATE_EXCLUSIVE},
      {"SHARE", SHARE},
      {"SHARE ROW EXCLUSIVE", SHARE_ROW_EXCLUSIVE},
      {"EXCLUSIVE", LockMode.EXCLUSIVE},
      {"ACCESS EXCLUSIVE", ACCESS_EXCLUSIVE}
    };
    for (Object[] row : rows) {
      assertLocks(
          run(16, "LOCK TABLE orders, customers IN " + row[0] + " MODE NOWAIT"),
          "public.orders",
          row[1],
          "public.customers",
          row[1]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void addEnumValueIsTransactionalButNotUsableBeforeCommit(int v) {
    Catalog c = Sql.apply(base(), "CREATE TYPE mood AS ENUM ('sad', 'happy')");
    StatementFacts f = run(v, c, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'");
    assertTrue(f.transactional());
    assertTrue(f.locks().isEmpty());
    assertTrue(noted(f, "cannot be used until"), f.notes().toString());
  }

  @Test
  void createOrReplaceViewOnAnExistingView() {
    Catalog c =
        Sql.apply(base(), "CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open'");
    StatementFacts replace =
        run(16, c, "CREATE OR REPLACE VIEW open_orders AS SELECT * FROM orders");
    assertEquals(ACCESS_EXCLUSIVE, replace.locks().get(0).mode());
    assertEquals(List.of(), replace.newRelations());
    assertTrue(noted(replace, "blocks its readers"), replace.notes().toString());
    StatementFacts fresh = run(16, "CREATE VIEW other_orders AS SELECT * FROM orders");
    assertEquals(List.of("public.other_orders"), fresh.newRelations());
  }

  @Test
  void refreshWithNoDataDoesNotScan() {
    assertFalse(run(16, "REFRESH MATERIALIZED VIEW order_totals WITH NO DATA").scan());
    assertTrue(run(16, "REFRESH MATERIALIZED VIEW order_totals").scan());
  }

  // ------------------------------------------------------------------ context

  @Test
  void relationsCreatedEarlierInThePhaseAreNew() {
    StatementFacts f =
        MODEL.analyze(
            Sql.one("ALTER TABLE fresh ADD COLUMN n int NOT NULL"),
            base(),
            new LockContext(16, "public", Set.of("public.fresh")));
    assertEquals(List.of("public.fresh"), f.newRelations());
    assertNull(f.strongestLockOnExisting());
    assertFalse(noted(f, "fails if the table has rows"));
    assertFalse(noted(f, "assumed to exist"));
  }

  @Test
  void theConfiguredDefaultSchemaQualifiesRelations() {
    Catalog app = Sql.replay("app", "CREATE TABLE audit_log (id bigint, at timestamptz)");
    StatementFacts f =
        MODEL.analyze(
            Sql.one("CREATE INDEX audit_log_at_idx ON audit_log (at)"),
            app,
            new LockContext(16, "app", Set.of()));
    assertLocks(f, "app.audit_log", SHARE, "app.audit_log_at_idx", ACCESS_EXCLUSIVE);
    StatementFacts qualified =
        MODEL.analyze(
            Sql.one("TRUNCATE public.orders, audit_log"),
            app,
            new LockContext(16, "app", Set.of()));
    assertLocks(qualified, "public.orders", ACCESS_EXCLUSIVE, "app.audit_log", ACCESS_EXCLUSIVE);
  }

  @Test
  void unsupportedVersionsAreRefusedWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LockContext.of(13));
    assertTrue(e.getMessage().contains("13") && e.getMessage().contains("14"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LockContext.of(19));
    assertThrows(IllegalArgumentException.class, () -> new LockContext(16, "", Set.of()));
  }
}
