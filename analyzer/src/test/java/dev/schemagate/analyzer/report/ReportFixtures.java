package dev.schemagate.analyzer.report;

import static dev.schemagate.analyzer.testsupport.SqlFixture.facts;
import static dev.schemagate.analyzer.testsupport.SqlFixture.parsed;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.fix.Fixes;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;
import dev.schemagate.analyzer.testsupport.SqlFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A realistic check: an expand phase with an unsafe index, a waived rewrite, and a backfill. */
final class ReportFixtures {

  static final String EXPAND_PATH = "migrations/orders/0003_status/expand.sql";
  static final String EXPAND =
      """
      -- orders get a status
      ALTER TABLE orders ADD COLUMN status text;

      CREATE INDEX orders_status_idx ON orders (status);
      -- schemagate:allow lock/table-rewrite reason="orders_archive is empty in every environment"
      ALTER TABLE orders_archive
        ALTER COLUMN total TYPE bigint;
      """;

  static final String BACKFILL_PATH = "migrations/orders/0003_status/backfill.sql";
  static final String BACKFILL =
      """
      CREATE TABLE order_events (id bigint PRIMARY KEY, at timestamp);
      UPDATE orders SET status = 'new' WHERE status IS NULL;
      """;

  static final List<RuleInfo> RULES =
      List.of(
          new RuleInfo(
              "lock/create-index-blocking",
              Severity.ERROR,
              "CREATE INDEX without CONCURRENTLY on an existing table",
              "docs/rules/lock/create-index-blocking.md"),
          new RuleInfo(
              "lock/table-rewrite",
              Severity.ERROR,
              "a statement that rewrites an existing table",
              "docs/rules/lock/table-rewrite.md"),
          new RuleInfo(
              "lock/unbatched-dml",
              Severity.WARNING,
              "UPDATE / DELETE over an existing table in one statement",
              "docs/rules/lock/unbatched-dml.md"),
          new RuleInfo(
              "hygiene/prefer-timestamptz",
              Severity.INFO,
              "timestamp without time zone",
              "docs/rules/hygiene/prefer-timestamptz.md"));

  private ReportFixtures() {}

  static CheckResult realistic() {
    return new CheckResult(16, List.of(expand(), backfill()));
  }

  static FileResult expand() {
    SqlFixture fx = new SqlFixture(EXPAND_PATH, EXPAND);
    SqlStatement s0 = fx.locate("ALTER TABLE orders ADD COLUMN status text");
    SqlStatement s1 = fx.locate("CREATE INDEX orders_status_idx ON orders (status)");
    SqlStatement s2 = fx.locate("ALTER TABLE orders_archive\n  ALTER COLUMN total TYPE bigint");
    TypeName text = new TypeName("text", List.of(), 0, "text");
    ColumnDef status =
        new ColumnDef(
            "status",
            text,
            null,
            Volatility.NONE,
            false,
            ColumnDef.Generated.NONE,
            null,
            List.of(),
            null);
    StatementFacts f0 =
        facts(
            parsed(
                s0,
                StatementKind.ALTER_TABLE,
                "orders",
                List.of(
                    AlterAction.of(ActionKind.ADD_COLUMN, "ADD COLUMN status text")
                        .columnDef(status)
                        .build()),
                null,
                Set.of(),
                Map.of()),
            LockMode.ACCESS_EXCLUSIVE,
            "public.orders",
            false,
            false,
            true);
    IndexDef index =
        new IndexDef(
            "orders_status_idx",
            SqlFixture.name("orders"),
            false,
            List.of("status"),
            "btree",
            null,
            false);
    StatementFacts f1 =
        facts(
            parsed(s1, StatementKind.CREATE_INDEX, "orders", List.of(), index, Set.of(), Map.of()),
            LockMode.SHARE,
            "public.orders",
            false,
            true,
            true);
    StatementFacts f2 =
        facts(
            parsed(
                s2,
                StatementKind.ALTER_TABLE,
                "orders_archive",
                List.of(
                    AlterAction.of(ActionKind.ALTER_COLUMN_TYPE, "ALTER COLUMN total TYPE bigint")
                        .column("total")
                        .type(new TypeName("int8", List.of(), 0, "bigint"))
                        .build()),
                null,
                Set.of(),
                Map.of()),
            LockMode.ACCESS_EXCLUSIVE,
            "public.orders_archive",
            true,
            false,
            true);
    FileResult bare =
        new FileResult(
            EXPAND_PATH, "orders", 3, PhaseKind.EXPAND, EXPAND, List.of(f0, f1, f2), List.of());
    Finding index1 =
        new Finding(
            "lock/create-index-blocking",
            Severity.ERROR,
            EXPAND_PATH,
            s1.line(),
            s1.column(),
            "CREATE INDEX without CONCURRENTLY blocks writes to public.orders (SHARE lock) while the index is built",
            "Use CREATE INDEX CONCURRENTLY in a non-transactional phase.",
            1,
            null,
            null);
    index1 = index1.withFix(Fixes.forFinding(index1, bare));
    Finding rewrite =
        new Finding(
            "lock/table-rewrite",
            Severity.ERROR,
            EXPAND_PATH,
            s2.line(),
            s2.column(),
            "ALTER COLUMN total TYPE bigint rewrites public.orders_archive under ACCESS EXCLUSIVE",
            "Add a new bigint column, backfill it, and swap in the contract phase.",
            2,
            "orders_archive is empty in every environment",
            null);
    return new FileResult(
        EXPAND_PATH,
        "orders",
        3,
        PhaseKind.EXPAND,
        EXPAND,
        List.of(f0, f1, f2),
        List.of(rewrite, index1));
  }

  static FileResult backfill() {
    SqlFixture fx = new SqlFixture(BACKFILL_PATH, BACKFILL);
    SqlStatement s0 = fx.locate("CREATE TABLE order_events (id bigint PRIMARY KEY, at timestamp)");
    SqlStatement s1 = fx.locate("UPDATE orders SET status = 'new' WHERE status IS NULL");
    StatementFacts f0 =
        new StatementFacts(
            parsed(
                s0,
                StatementKind.CREATE_TABLE,
                "order_events",
                List.of(),
                null,
                Set.of(),
                Map.of()),
            List.of(
                new dev.schemagate.analyzer.facts.RelationLock(
                    "public.order_events", LockMode.ACCESS_EXCLUSIVE)),
            false,
            false,
            true,
            List.of("public.order_events"),
            null,
            List.of("new table: no lock hazard"));
    StatementFacts f1 =
        facts(
            parsed(
                s1,
                StatementKind.UPDATE,
                "orders",
                List.of(),
                null,
                Set.of(Flag.HAS_WHERE),
                Map.of()),
            LockMode.ROW_EXCLUSIVE,
            "public.orders",
            false,
            true,
            true);
    Finding dml =
        new Finding(
            "lock/unbatched-dml",
            Severity.WARNING,
            BACKFILL_PATH,
            s1.line(),
            s1.column(),
            "UPDATE of public.orders in one statement locks every matching row until it commits",
            "Update in batches of a few thousand rows, committing between batches.",
            1,
            null,
            null);
    Finding tz =
        new Finding(
            "hygiene/prefer-timestamptz",
            Severity.INFO,
            BACKFILL_PATH,
            s0.line(),
            53,
            "order_events.at: timestamp without time zone, 100% ambiguous across time zones",
            "Use timestamptz.",
            0,
            null,
            null);
    return new FileResult(
        BACKFILL_PATH,
        "orders",
        3,
        PhaseKind.BACKFILL,
        BACKFILL,
        List.of(f0, f1),
        List.of(dml, tz));
  }
}
