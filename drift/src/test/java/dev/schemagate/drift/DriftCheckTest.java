package dev.schemagate.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.drift.replay.DriftInputException;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.trace.PgServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object kind, drifted by hand on a real PostgreSQL 17 after the real runner applied {@code
 * app@1}: missing in the database, extra in the database, and different. Each case asserts the
 * exact set of drifts, so a drift reported too much fails as well as one not reported.
 */
class DriftCheckTest {

  @TempDir static Path dir;
  static PgServer server;
  static DriftRepo repo;
  static MigrationRepository repository;
  static DriftCheck check;

  @BeforeAll
  static void start() throws Exception {
    server = PgServer.start(17);
    repo = DriftRepo.create(dir.resolve("repo"));
    repository = MigrationRepository.load(repo.root);
    check = new DriftCheck(Optional.of(server));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Set<String> drifts(TargetDb target) throws SQLException {
    return check.run(target.db, repository).drifts().stream()
        .map(d -> d.kind().rule() + " " + d.object().key())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void noDriftRightAfterTheRunnerAppliedTheHistory() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    DriftReport report = check.run(target.db, repository);
    assertEquals(List.of(), report.drifts());
    assertEquals(List.of("app@1 expand"), report.replayed());
    // every kind was compared, not skipped: the replayed catalog holds objects of all ten
    assertTrue(report.compared() >= 30, "compared " + report.compared());
  }

  @Test
  void aStatementByStatementPhaseThatFailedHalfWayCountsForTheStatementsThatRan() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@2");
    target.exec("INSERT INTO customers (email) VALUES ('Ann@example.com'), ('ann@example.com')");
    assertThrows(RuntimeException.class, () -> target.apply(repo, "app@3"));
    HistoryRow failed = target.rollout(List.of()).history().rows("app").get(2);
    assertEquals("app@3 expand", failed.label());
    assertEquals("failed", failed.outcome());
    assertEquals(2, failed.statementsDone(), failed.toString()); // SET and the first index

    DriftReport report = check.run(target.db, repository);

    // orders_note_idx exists in both; the failed unique index in neither (the runner dropped the
    // INVALID leftover)
    assertEquals(List.of(), report.drifts());
    assertEquals(
        List.of(
            "app@1 expand", "app@2 expand", "app@3 expand (first 2 statement(s), partly applied)"),
        report.replayed());
    target.exec("DROP INDEX orders_note_idx");
    assertEquals(Set.of("drift/missing index public.orders.orders_note_idx"), drifts(target));
  }

  @Test
  void anAppliedFileChangedInTheRepositoryStopsDriftNamingBothChecksums() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    Path copy = dir.resolve("changed");
    copyTree(repo.root, copy);
    DriftRepo.write(
        copy.resolve("migrations/app/0001_create_app/expand.sql"), DriftRepo.V1 + "-- edited\n");

    DriftInputException e =
        assertThrows(
            DriftInputException.class, () -> check.run(target.db, MigrationRepository.load(copy)));

    assertTrue(
        e.getMessage()
            .matches(
                "migrations/app/0001_create_app/expand\\.sql changed after it was applied as app@1"
                    + " expand: applied sha256:[0-9a-f]{64} \\(commit [0-9a-f]{12}\\), repository now sha256:[0-9a-f]{64}; run drift"
                    + " on a checkout of the applied commit \\(--repo\\)"),
        e.getMessage());
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> walk = java.nio.file.Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.toString().contains("/.git")) {
          continue;
        }
        Path t = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(t);
        } else {
          java.nio.file.Files.copy(p, t);
        }
      }
    }
  }

  @Test
  void anIndexRecreatedUnderAnotherNameWithTheSameDefinitionIsNotDrift() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec(
        "DROP INDEX orders_customer_id_idx",
        "CREATE INDEX orders_customer_id_idx1 ON orders (customer_id)");
    assertEquals(Set.of(), drifts(target));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // missing in the database
        Arguments.of(
            "table missing",
            List.of("DROP TABLE audit_log"),
            Set.of(
                "drift/missing table public.audit_log",
                "drift/missing column public.audit_log.id",
                "drift/missing column public.audit_log.msg")),
        Arguments.of(
            "column missing",
            List.of("ALTER TABLE orders DROP COLUMN note"),
            Set.of("drift/missing column public.orders.note")),
        Arguments.of(
            "constraint missing",
            List.of("ALTER TABLE orders DROP CONSTRAINT orders_amount_positive"),
            Set.of("drift/missing constraint public.orders.orders_amount_positive")),
        Arguments.of(
            "index missing",
            List.of("DROP INDEX orders_customer_id_idx"),
            Set.of("drift/missing index public.orders.orders_customer_id_idx")),
        Arguments.of(
            "sequence missing",
            List.of(
                "ALTER TABLE orders ALTER invoice_no DROP DEFAULT",
                "DROP SEQUENCE invoice_numbers"),
            Set.of(
                "drift/missing sequence public.invoice_numbers",
                "drift/different column public.orders.invoice_no")),
        Arguments.of(
            "view missing",
            List.of("DROP VIEW big_orders"),
            Set.of("drift/missing view public.big_orders")),
        Arguments.of(
            "trigger missing",
            List.of("DROP TRIGGER orders_touch_note ON orders"),
            Set.of("drift/missing trigger public.orders.orders_touch_note")),
        Arguments.of(
            "function missing",
            List.of("DROP FUNCTION touch_note() CASCADE"),
            Set.of(
                "drift/missing function public.touch_note()",
                "drift/missing trigger public.orders.orders_touch_note")),
        Arguments.of(
            "enum missing",
            List.of("DROP TYPE mood CASCADE"),
            Set.of("drift/missing enum public.mood", "drift/missing column public.customers.mood")),
        Arguments.of(
            "partition missing",
            List.of("DROP TABLE events_2026"),
            Set.of("drift/missing partition public.events_2026")),
        // extra in the database
        Arguments.of(
            "table extra",
            List.of("CREATE TABLE scratch (x int)"),
            Set.of("drift/extra table public.scratch", "drift/extra column public.scratch.x")),
        Arguments.of(
            "column extra",
            List.of("ALTER TABLE orders ADD COLUMN rebate int"),
            Set.of("drift/extra column public.orders.rebate")),
        Arguments.of(
            "constraint extra",
            List.of("ALTER TABLE orders ADD CONSTRAINT orders_note_len CHECK (length(note) < 500)"),
            Set.of("drift/extra constraint public.orders.orders_note_len")),
        Arguments.of(
            "index extra",
            List.of("CREATE INDEX orders_amount_idx ON orders (amount)"),
            Set.of("drift/extra index public.orders.orders_amount_idx")),
        Arguments.of(
            "sequence extra",
            List.of("CREATE SEQUENCE spare_numbers"),
            Set.of("drift/extra sequence public.spare_numbers")),
        Arguments.of(
            "view extra",
            List.of("CREATE VIEW small_orders AS SELECT id FROM orders WHERE amount < 10"),
            Set.of("drift/extra view public.small_orders")),
        Arguments.of(
            "trigger extra",
            List.of(
                "CREATE TRIGGER orders_touch_again BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_note()"),
            Set.of("drift/extra trigger public.orders.orders_touch_again")),
        Arguments.of(
            "function extra",
            List.of("CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1'"),
            Set.of("drift/extra function public.add_one(i integer)")),
        Arguments.of(
            "enum extra",
            List.of("CREATE TYPE size AS ENUM ('s', 'm')"),
            Set.of("drift/extra enum public.size")),
        Arguments.of(
            "partition extra",
            List.of(
                "CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')"),
            Set.of("drift/extra partition public.events_2027")),
        // different
        Arguments.of(
            "column type",
            List.of("ALTER TABLE orders ALTER note TYPE varchar(200)"),
            Set.of("drift/different column public.orders.note")),
        Arguments.of(
            "column default",
            List.of("ALTER TABLE customers ALTER created_at SET DEFAULT clock_timestamp()"),
            Set.of("drift/different column public.customers.created_at")),
        Arguments.of(
            "column nullability",
            List.of("ALTER TABLE orders ALTER note SET NOT NULL"),
            Set.of("drift/different column public.orders.note")),
        Arguments.of(
            "column identity",
            List.of("ALTER TABLE orders ALTER id SET GENERATED ALWAYS"),
            Set.of("drift/different column public.orders.id")),
        Arguments.of(
            "NOT VALID constraint validated by hand",
            List.of("ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive"),
            Set.of("drift/different constraint public.orders.orders_amount_positive")),
        Arguments.of(
            "sequence increment",
            List.of("ALTER SEQUENCE invoice_numbers INCREMENT BY 10"),
            Set.of("drift/different sequence public.invoice_numbers")),
        Arguments.of(
            "view definition",
            List.of(
                "CREATE OR REPLACE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 5000"),
            Set.of("drift/different view public.big_orders")),
        Arguments.of(
            "trigger disabled",
            List.of("ALTER TABLE orders DISABLE TRIGGER orders_touch_note"),
            Set.of("drift/different trigger public.orders.orders_touch_note")),
        Arguments.of(
            "function body",
            List.of(
                "CREATE OR REPLACE FUNCTION touch_note() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN RETURN NEW; END$$"),
            Set.of("drift/different function public.touch_note()")),
        Arguments.of(
            "function with a SQL-standard body",
            List.of(
                "CREATE OR REPLACE FUNCTION big(a integer) RETURNS boolean"
                    + " LANGUAGE sql BEGIN ATOMIC SELECT a > 5000; END"),
            Set.of("drift/different function public.big(a integer)")),
        Arguments.of(
            "enum label added",
            List.of("ALTER TYPE mood ADD VALUE 'meh'"),
            Set.of("drift/different enum public.mood")),
        Arguments.of(
            "table row level security",
            List.of("ALTER TABLE orders ENABLE ROW LEVEL SECURITY"),
            Set.of("drift/different table public.orders")),
        Arguments.of(
            "partition bound",
            List.of(
                "ALTER TABLE events DETACH PARTITION events_2026",
                "ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2026-07-01')"),
            Set.of("drift/different partition public.events_2026")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheDriftMadeByHand(String name, List<String> byHand, Set<String> expected)
      throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec(byHand.toArray(String[]::new));
    assertEquals(new TreeSet<>(expected), drifts(target));
  }

  @Test
  void anIndexLeftInvalidByAFailedConcurrentBuildIsDifferent() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec(
        "DROP INDEX orders_invoice_no_key",
        "INSERT INTO customers (email) VALUES ('a@example.com')",
        "INSERT INTO orders (customer_id, amount, invoice_no) VALUES (1, 5, 7), (1, 6, 7)");
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                target.exec(
                    "CREATE UNIQUE INDEX CONCURRENTLY orders_invoice_no_key ON orders (invoice_no)"));
    assertEquals("23505", e.getSQLState());

    DriftReport report = check.run(target.db, repository);

    assertEquals(1, report.drifts().size(), report.drifts().toString());
    Drift d = report.drifts().get(0);
    assertEquals(DriftKind.DIFFERENT, d.kind());
    assertEquals("index public.orders.orders_invoice_no_key", d.object().key());
    assertEquals(
        "index public.orders.orders_invoice_no_key differs from what the applied phases create:"
            + " ready expected true, found false; valid expected true, found false",
        d.message());
  }

  @Test
  void theMessageOfADifferentColumnNamesTheAttributeExpectedAndFound() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec(
        "ALTER TABLE orders ALTER note TYPE varchar(200)",
        "ALTER TABLE orders ALTER note SET NOT NULL");
    Drift d = check.run(target.db, repository).drifts().get(0);
    assertEquals(
        "column public.orders.note differs from what the applied phases create:"
            + " not null expected false, found true; type expected text, found character varying(200)",
        d.message());
    assertEquals("app", d.track());
  }
}
