package dev.schemagate.analyzer.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rows of docs/lock-model.md on real SQL text: each case is parsed by the project's {@link
 * StatementParser}, analyzed against a schema replayed from {@link #SCHEMA} (also real SQL), on
 * every PostgreSQL version 14–18. These are the cases a later run compares with pg_locks on real
 * servers.
 */
class LockModelSqlTest {

  static final String SCHEMA =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY, email text);
      CREATE TABLE orders (
        id bigint PRIMARY KEY,
        customer_id int REFERENCES customers,
        status varchar(20),
        amount numeric(10,2),
        created_at timestamp,
        note text,
        code char(3),
        net cidr,
        label varchar,
        total numeric GENERATED ALWAYS AS (amount * 2) STORED,
        flags varbit(8),
        bits bit(8),
        stamp timestamp(3),
        doc xml
      );
      CREATE INDEX orders_status_idx ON orders (status);
      CREATE UNIQUE INDEX orders_note_uniq ON orders (note);
      ALTER TABLE orders ADD CONSTRAINT orders_amount_nn CHECK (amount IS NOT NULL) NOT VALID;
      ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_nn;
      ALTER TABLE orders ADD CONSTRAINT orders_label_check CHECK (label <> '') NOT VALID;
      CREATE TABLE shipments (id bigint, order_id bigint);
      ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders NOT VALID;
      CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;
      CREATE SEQUENCE invoice_no;
      CREATE TYPE mood AS ENUM ('sad', 'happy');
      CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE events_2025 (id int, at date);
      CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();
      CREATE STATISTICS customers_id_email ON id, email FROM customers;
      """;

  static List<ParsedStatement> parse(String sql) {
    return Sql.parse(sql);
  }

  private static Catalog schema;

  /**
   * The replayed {@link #SCHEMA}; {@link PhaseAnalyzer#run} works on a copy, so one replay serves
   * every case.
   */
  static synchronized Catalog schema() {
    if (schema == null) {
      Catalog c = new Catalog();
      parse(SCHEMA).forEach(c::apply);
      schema = c;
    }
    return schema;
  }

  /**
   * One row: the SQL, the expected locks ({@code orders AE, customers SRE}: relations in the {@code
   * public} schema), the expected facts ({@code rewrite}, {@code scan}, {@code notx}), and the
   * first version that accepts the syntax (earlier versions must report a versionError).
   */
  record Row(
      String sql, String locks, String facts, int since, int changedIn, String locksSinceChange) {

    Row(String sql, String locks, String facts, int since) {
      this(sql, locks, facts, since, 99, locks);
    }

    /** The expected locks on {@code version}. */
    String locksOn(int version) {
      return version >= changedIn ? locksSinceChange : locks;
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  static Row row(String sql, String locks, String facts) {
    return new Row(sql, locks, facts, 14);
  }

  /** A row whose locks change from {@code version} on. */
  static Row changesIn(int version, Row r, String locks) {
    return new Row(r.sql(), r.locks(), r.facts(), r.since(), version, locks);
  }

  static Row since(int version, String sql, String locks, String facts) {
    return new Row(sql, locks, facts, version);
  }

  static final List<Row> ROWS =
      List.of(
          // ADD COLUMN
          row("ALTER TABLE orders ADD COLUMN discount numeric", "orders AE", ""),
          row("ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false", "orders AE", ""),
          row("ALTER TABLE orders ADD COLUMN placed_at timestamptz DEFAULT now()", "orders AE", ""),
          row(
              "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()",
              "orders AE",
              "rewrite"),
          row("ALTER TABLE orders ADD COLUMN seq bigserial", "orders AE", "rewrite"),
          row(
              "ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS IDENTITY",
              "orders AE",
              "rewrite"),
          row(
              "ALTER TABLE orders ADD COLUMN twice numeric GENERATED ALWAYS AS (amount * 2) STORED",
              "orders AE",
              "rewrite"),
          since(
              18,
              "ALTER TABLE orders ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL",
              "orders AE",
              ""),
          row(
              "ALTER TABLE orders ADD COLUMN qty int DEFAULT 1 CHECK (qty > 0)",
              "orders AE",
              "scan"),
          row("ALTER TABLE orders ADD COLUMN ext_id text UNIQUE", "orders AE", "scan"),
          row(
              "ALTER TABLE orders ADD COLUMN payer_id bigint REFERENCES customers",
              "orders AE, customers SRE",
              ""),
          row(
              "ALTER TABLE orders ADD COLUMN payer_id bigint DEFAULT 1 REFERENCES customers",
              "orders AE, customers SRE",
              "scan"),
          // ALTER COLUMN TYPE
          row("ALTER TABLE orders ALTER COLUMN status TYPE varchar(50)", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN status TYPE varchar", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN status TYPE text", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN note TYPE varchar", "orders AE", ""),
          // amount has a validated CHECK: no rewrite, but the CHECK is re-added and re-checked.
          row("ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2)", "orders AE", "scan"),
          row("ALTER TABLE orders ALTER COLUMN amount TYPE numeric", "orders AE", "scan"),
          row("ALTER TABLE orders ALTER COLUMN label TYPE text", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN net TYPE inet", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN flags TYPE varbit(16)", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN bits TYPE varbit", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN stamp TYPE timestamp(6)", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN doc TYPE text", "orders AE", ""),
          // found by bench/fuzz.sh --seed 2 --pg 14: xml → varchar is a binary cast too
          row("ALTER TABLE orders ALTER COLUMN doc TYPE varchar", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN doc TYPE varchar(1000)", "orders AE", "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN flags TYPE varbit(4)", "orders AE", "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN stamp TYPE timestamp(0)", "orders AE", "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN stamp TYPE date", "orders AE", "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN status TYPE varchar(10)", "orders AE", "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN note TYPE varchar(10)", "orders AE", "rewrite"),
          row(
              "ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint",
              "orders AE, customers AE",
              "rewrite"),
          // found by DifferentialFuzzTest: orders.customer_id REFERENCES customers without a column
          // list, i.e. its primary key
          row(
              "ALTER TABLE customers ALTER COLUMN id TYPE numeric",
              "customers AE, orders AE",
              "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,3)", "orders AE", "rewrite"),
          row(
              "ALTER TABLE orders ALTER COLUMN note TYPE integer USING note::integer",
              "orders AE",
              "rewrite"),
          row("ALTER TABLE orders ALTER COLUMN code TYPE text", "orders AE", "rewrite"),
          row(
              "ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz",
              "orders AE",
              "rewrite"),
          row("ALTER TABLE legacy ALTER COLUMN x TYPE text", "legacy AE", "rewrite"),
          // NOT NULL
          row("ALTER TABLE orders ALTER COLUMN status SET NOT NULL", "orders AE", "scan"),
          row("ALTER TABLE orders ALTER COLUMN amount SET NOT NULL", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN id DROP NOT NULL", "orders AE", ""),
          since(
              18,
              "ALTER TABLE orders ADD CONSTRAINT orders_status_nn NOT NULL status NOT VALID",
              "orders AE",
              ""),
          since(
              18,
              "ALTER TABLE orders ADD CONSTRAINT orders_status_nn NOT NULL status",
              "orders AE",
              "scan"),
          // constraints
          row(
              "ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0)",
              "orders AE",
              "scan"),
          row(
              "ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0) NOT VALID",
              "orders AE",
              ""),
          row("ALTER TABLE orders VALIDATE CONSTRAINT orders_label_check", "orders SUE", "scan"),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_cust_fk FOREIGN KEY (customer_id) REFERENCES customers (id)",
              "orders SRE, customers SRE",
              "scan"),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_cust_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID",
              "orders SRE, customers SRE",
              ""),
          since(
              18,
              "ALTER TABLE orders ADD CONSTRAINT orders_cust_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT ENFORCED",
              "orders SRE, customers SRE",
              ""),
          since(
              18,
              "ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0) NOT ENFORCED",
              "orders AE",
              ""),
          row(
              "ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fk",
              "shipments SUE, orders RS",
              "scan"),
          row(
              "ALTER TABLE shipments DROP CONSTRAINT shipments_order_fk",
              "shipments AE, orders AE",
              ""),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (label)",
              "orders AE",
              "scan"),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_no_overlap EXCLUDE USING gist (net inet_ops WITH &&)",
              "orders AE",
              "scan"),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE USING INDEX orders_note_uniq",
              "orders AE, orders_note_uniq SUE",
              ""),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_note_uniq UNIQUE USING INDEX orders_note_uniq",
              "orders AE, orders_note_uniq AS",
              ""),
          row(
              "ALTER TABLE orders ADD CONSTRAINT orders_note_pk PRIMARY KEY USING INDEX orders_note_uniq",
              "orders AE, orders_note_uniq SUE",
              "scan"),
          row(
              "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey",
              "orders AE, customers AE",
              ""),
          // other sub-commands
          row("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN status DROP DEFAULT", "orders AE", ""),
          row("ALTER TABLE orders DROP COLUMN label", "orders AE", ""),
          row("ALTER TABLE orders RENAME COLUMN label TO tag", "orders AE", ""),
          row("ALTER TABLE orders RENAME TO purchase_orders", "orders AE", ""),
          row("ALTER TABLE orders SET SCHEMA archive", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500", "orders SUE", ""),
          row(
              "CREATE STATISTICS orders_amount_code (dependencies) ON amount, code FROM orders",
              "orders SUE",
              ""),
          row("DROP STATISTICS customers_id_email", "customers SUE", ""),
          row("ALTER STATISTICS customers_id_email SET STATISTICS 500", "", ""),
          row("ALTER TABLE orders ALTER COLUMN status SET (n_distinct = 100)", "orders SUE", ""),
          row(
              "ALTER TABLE orders SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01)",
              "orders SUE",
              ""),
          row("ALTER TABLE orders RESET (fillfactor)", "orders SUE", ""),
          row("ALTER TABLE orders SET (user_catalog_table = true)", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN note SET STORAGE EXTERNAL", "orders AE", ""),
          row("ALTER TABLE orders SET LOGGED", "orders AE", "rewrite"),
          row("ALTER TABLE orders SET UNLOGGED", "orders AE", "rewrite"),
          row("ALTER TABLE orders SET TABLESPACE fast_ssd", "orders AE", "rewrite"),
          // orders was created without USING: heap already, so nothing is rewritten
          since(15, "ALTER TABLE orders SET ACCESS METHOD heap", "orders AE", ""),
          // heap2: another table access method (the trace creates it with heap's handler)
          since(15, "ALTER TABLE orders SET ACCESS METHOD heap2", "orders AE", "rewrite"),
          row("ALTER TABLE orders ENABLE TRIGGER orders_audit", "orders SRE", ""),
          row("ALTER TABLE orders DISABLE TRIGGER ALL", "orders SRE", ""),
          row("ALTER TABLE orders CLUSTER ON orders_status_idx", "orders SUE", ""),
          row("ALTER TABLE orders SET WITHOUT CLUSTER", "orders SUE", ""),
          row(
              "ALTER TABLE orders ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
              "orders AE",
              ""),
          row("ALTER TABLE orders ALTER COLUMN id DROP IDENTITY IF EXISTS", "orders AE", ""),
          row("ALTER TABLE orders ALTER COLUMN total DROP EXPRESSION", "orders AE", ""),
          since(
              17,
              "ALTER TABLE orders ALTER COLUMN total SET EXPRESSION AS (amount * 3)",
              "orders AE",
              "rewrite"),
          row("ALTER TABLE orders REPLICA IDENTITY FULL", "orders AE", ""),
          row("ALTER TABLE orders ENABLE ROW LEVEL SECURITY", "orders AE", ""),
          row("ALTER TABLE orders OWNER TO app", "orders AE", ""),
          row(
              "ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500, ADD COLUMN token uuid DEFAULT gen_random_uuid()",
              "orders AE",
              "rewrite"),
          row(
              "ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500, SET (fillfactor = 80)",
              "orders SUE",
              ""),
          // partitions
          row(
              "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
              "events SUE, events_2025 AE",
              "scan"),
          row("ALTER TABLE events DETACH PARTITION events_2024", "events AE, events_2024 AE", ""),
          row(
              "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY",
              "events SUE, events_2024 AE",
              "notx"),
          row(
              "ALTER TABLE events DETACH PARTITION events_2024 FINALIZE",
              "events SUE, events_2024 AE",
              ""),
          row(
              "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
              "events_2026 AE, events AE",
              ""),
          row("ALTER TABLE events ADD COLUMN note text", "events AE, events_2024 AE", ""),
          row("DROP TABLE events_2024", "events_2024 AE, events AE", ""),
          // indexes
          row(
              "CREATE INDEX orders_created_idx ON orders (created_at)",
              "orders SH, orders_created_idx AE",
              "scan"),
          row(
              "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at)",
              "orders SUE, orders_created_idx AE",
              "scan notx"),
          row("CREATE INDEX ON orders (created_at)", "orders SH, orders_created_at_idx AE", "scan"),
          row("DROP INDEX orders_status_idx", "orders AE, orders_status_idx AE", ""),
          // never created by the replayed history: assumed to exist (its table cannot be named)
          row("DROP INDEX IF EXISTS orders_old_idx", "orders_old_idx AE", ""),
          row(
              "DROP INDEX CONCURRENTLY orders_status_idx",
              "orders SUE, orders_status_idx AE",
              "notx"),
          row("REINDEX INDEX orders_status_idx", "orders SH, orders_status_idx AE", "scan"),
          row(
              "REINDEX INDEX CONCURRENTLY orders_status_idx",
              "orders SUE, orders_status_idx AE",
              "scan notx"),
          row("REINDEX TABLE shipments", "shipments SH", "scan"),
          // tables and materialized views; the partitioned events is skipped, its partitions are
          // not
          row(
              "REINDEX SCHEMA public",
              "customers SH, orders SH, shipments SH, events_2024 SH, events_2025 SH, order_totals SH",
              "scan notx"),
          row(
              "ALTER INDEX orders_status_idx RENAME TO orders_state_idx",
              "orders_status_idx SUE",
              ""),
          since(
              15,
              "CREATE UNIQUE INDEX orders_label_uniq ON orders (label) NULLS NOT DISTINCT",
              "orders SH, orders_label_uniq AE",
              "scan"),
          // other statements
          // the view's query runs again: the relations it reads (replayed from its CREATE) get
          // ACCESS SHARE
          row("REFRESH MATERIALIZED VIEW order_totals", "order_totals AE, orders AS", "scan"),
          row(
              "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals",
              "order_totals EX, orders AS",
              "scan"),
          row("REFRESH MATERIALIZED VIEW order_totals WITH NO DATA", "order_totals AE", ""),
          row("VACUUM orders", "orders SUE", "notx"),
          row("VACUUM orders, customers", "orders SUE, customers SUE", "notx"),
          row("VACUUM FULL orders", "orders AE", "rewrite notx"),
          row("VACUUM", "", "notx"),
          row("ANALYZE orders", "orders SUE", ""),
          row("CLUSTER orders USING orders_status_idx", "orders AE", "rewrite"),
          row("TRUNCATE orders", "orders AE", ""),
          row("TRUNCATE customers CASCADE", "customers AE, orders AE, shipments AE", ""),
          row("DROP TABLE shipments", "shipments AE, orders AE", ""),
          row("LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE", "orders SRE", ""),
          row("LOCK TABLE orders", "orders AE", ""),
          row(
              "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
              "orders SRE",
              ""),
          row("DROP TRIGGER orders_audit ON orders", "orders AE", ""),
          row("DROP TRIGGER IF EXISTS orders_audit ON orders", "orders AE", ""),
          // the replayed history never created it: PostgreSQL skips it and keeps no lock
          row("DROP TRIGGER IF EXISTS orders_touch ON orders", "", ""),
          row("ALTER TYPE mood ADD VALUE 'ok'", "", ""),
          row("INSERT INTO orders (id) VALUES (1)", "orders RE", ""),
          row("UPDATE orders SET status = 'x'", "orders RE", "scan"),
          row("UPDATE orders SET status = 'x' WHERE id < 100", "orders RE", ""),
          row("DELETE FROM orders WHERE id < 100", "orders RE, shipments RS", "scan"),
          row("UPDATE orders SET customer_id = 1 WHERE id < 100", "orders RE, customers RS", ""),
          row("UPDATE orders SET customer_id = 1 WHERE id < 0", "orders RE, customers RS", ""),
          row("DELETE FROM customers WHERE id < 100", "customers RE, orders RS", "scan"),
          row(
              "INSERT INTO shipments (order_id) SELECT id FROM orders",
              "shipments RE, orders RS",
              "scan"),
          row(
              "INSERT INTO shipments (id) SELECT id FROM orders",
              "shipments RE, orders AS",
              "scan"),
          // filtered: the planner may use an index, so the model claims no full read
          row(
              "INSERT INTO shipments (id) SELECT id FROM orders WHERE id = 7",
              "shipments RE, orders AS",
              ""),
          since(
              15,
              "MERGE INTO orders o USING customers c ON o.customer_id = c.id WHEN MATCHED THEN DELETE",
              "orders RE, customers AS",
              "scan"),
          row("SELECT count(*) FROM orders", "orders AS", "scan"),
          row("SELECT count(*) FROM orders WHERE id = 1", "orders AS", ""),
          // the relations a query reads are locked ACCESS SHARE while it is analysed (and run)
          row(
              "CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open'",
              "open_orders AE, orders AS",
              ""),
          row(
              "CREATE VIEW order_customers AS SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id",
              "order_customers AE, orders AS, customers AS",
              ""),
          row(
              "CREATE MATERIALIZED VIEW big_orders AS SELECT id FROM orders WHERE amount > 10",
              "big_orders AE, orders AS",
              "scan"),
          row(
              "CREATE MATERIALIZED VIEW big_orders AS SELECT id FROM orders WITH NO DATA",
              "big_orders AE, orders AS",
              ""),
          row(
              "CREATE TABLE orders_copy AS SELECT * FROM orders",
              "orders_copy AE, orders AS",
              "scan"),
          row("ALTER SEQUENCE invoice_no RESTART WITH 1000", "invoice_no SRE", ""),
          row("ALTER SEQUENCE invoice_no OWNED BY orders.id", "invoice_no SRE, orders AS", ""),
          row("ALTER SEQUENCE invoice_no OWNED BY NONE", "invoice_no SRE", ""),
          row("DROP SEQUENCE invoice_no", "invoice_no AE", ""),
          row("COMMENT ON TABLE orders IS 'orders'", "orders SUE", ""),
          row("COMMENT ON COLUMN orders.status IS 'status'", "orders SUE", ""),
          changesIn(18, row("GRANT SELECT ON orders TO reporting", "", ""), "orders AS"));

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Row r : ROWS) {
      for (int v = LockContext.MIN_VERSION; v <= LockContext.MAX_VERSION; v++) {
        out.add(Arguments.of(r, v));
      }
    }
    return out.stream();
  }

  private static final Map<String, LockMode> ABBREVIATIONS =
      Map.of(
          "AS",
          LockMode.ACCESS_SHARE,
          "RS",
          LockMode.ROW_SHARE,
          "RE",
          LockMode.ROW_EXCLUSIVE,
          "SUE",
          LockMode.SHARE_UPDATE_EXCLUSIVE,
          "SH",
          LockMode.SHARE,
          "SRE",
          LockMode.SHARE_ROW_EXCLUSIVE,
          "EX",
          LockMode.EXCLUSIVE,
          "AE",
          LockMode.ACCESS_EXCLUSIVE);

  @ParameterizedTest(name = "PG {1}: {0}")
  @MethodSource("cases")
  void matchesTheDocumentedTable(Row row, int version) {
    List<ParsedStatement> parsed = parse(row.sql());
    assertEquals(1, parsed.size(), "one statement");
    StatementFacts f = new PhaseAnalyzer(version).run(parsed, schema()).facts().get(0);

    Map<String, LockMode> expected = new LinkedHashMap<>();
    if (!row.locksOn(version).isBlank()) {
      for (String item : row.locksOn(version).split(",\\s*")) {
        String[] p = item.trim().split("\\s+");
        expected.put("public." + p[0], ABBREVIATIONS.get(p[1]));
      }
    }
    Map<String, LockMode> actual = new LinkedHashMap<>();
    for (RelationLock l : f.locks()) {
      actual.put(l.relation(), l.mode());
    }
    String context = row.sql() + " on PG " + version + "; notes " + f.notes();
    assertEquals(expected, actual, "locks: " + context);
    List<String> flags = List.of(row.facts().split("\\s+"));
    assertEquals(flags.contains("rewrite"), f.rewrite(), "rewrite: " + context);
    assertEquals(flags.contains("scan"), f.scan(), "scan: " + context);
    assertEquals(!flags.contains("notx"), f.transactional(), "transactional: " + context);
    if (version < row.since()) {
      assertNotNull(f.versionError(), "PG " + version + " rejects: " + context);
      assertTrue(f.versionError().contains(String.valueOf(row.since())), f.versionError());
    } else {
      assertNull(f.versionError(), context);
    }
  }
}
