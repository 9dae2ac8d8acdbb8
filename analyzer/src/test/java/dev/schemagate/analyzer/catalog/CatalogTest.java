package dev.schemagate.analyzer.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.lock.Sql;
import dev.schemagate.analyzer.statement.ForeignKeyActions;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog replayed from real SQL text. */
class CatalogTest {

  static final String ORDERS =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY);
      CREATE TABLE orders (
        id bigserial PRIMARY KEY,
        customer_id int NOT NULL REFERENCES customers,
        email text UNIQUE,
        amount numeric(10,2) CHECK (amount >= 0),
        status varchar(20),
        CHECK (amount > 0 OR status = 'free')
      );
      """;

  static QualifiedName name(String written) {
    return Catalog.parseName(written);
  }

  @Test
  void generatesConstraintAndIndexNamesAsPostgresDoes() {
    Catalog c = Sql.replay(ORDERS);
    CatalogTable orders = c.table(name("orders")).orElseThrow();
    assertEquals(
        java.util.Set.of(
            "orders_pkey",
            "orders_customer_id_fkey",
            "orders_email_key",
            "orders_amount_check",
            "orders_check"),
        orders.constraints().stream()
            .map(CatalogConstraint::name)
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_pkey")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_email_key")));
    assertEquals(RelationKind.SEQUENCE, c.kindOf(name("orders_id_seq")));
    assertEquals(
        "public.customers",
        orders.constraint("orders_customer_id_fkey").orElseThrow().referencedTable());
    CatalogColumn id = orders.column("id").orElseThrow();
    assertEquals("int8", id.type().name(), "bigserial is stored as int8");
    assertTrue(id.notNull());
    assertEquals(Volatility.VOLATILE, id.defaultVolatility());
    assertTrue(orders.columnsKnown());
  }

  @Test
  void foreignKeysKeepTheirActionsMatchTypeAndDeferral() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS),
            """
        CREATE TABLE items (
          order_id bigint REFERENCES orders ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
          other_id bigint,
          plain_id bigint REFERENCES orders
        );
        ALTER TABLE items ADD CONSTRAINT items_other_fkey FOREIGN KEY (other_id) REFERENCES orders (id)
          MATCH FULL ON DELETE CASCADE DEFERRABLE NOT VALID;
        """);
    CatalogTable items = c.table(name("items")).orElseThrow();
    assertEquals(
        new ForeignKeyActions("set null", "cascade", null, true, true),
        items.constraint("items_order_id_fkey").orElseThrow().actions());
    assertEquals(
        " ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED",
        items.constraint("items_order_id_fkey").orElseThrow().actions().sql());
    CatalogConstraint other = items.constraint("items_other_fkey").orElseThrow();
    assertEquals(new ForeignKeyActions("cascade", null, "full", true, false), other.actions());
    assertFalse(other.validated());
    assertEquals(
        ForeignKeyActions.DEFAULT, items.constraint("items_plain_id_fkey").orElseThrow().actions());
    assertEquals("", ForeignKeyActions.DEFAULT.sql());
    assertEquals(
        null,
        c.table(name("orders")).orElseThrow().constraint("orders_pkey").orElseThrow().actions());
  }

  @Test
  void unnamedIndexesGetIdxAndANumberOnClash() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS),
            """
        CREATE INDEX ON orders (status);
        CREATE INDEX ON orders (status);
        CREATE INDEX ON orders (customer_id, status);
        CREATE INDEX ON orders (lower(email));
        """);
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_status_idx")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_status_idx1")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_customer_id_status_idx")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_expr_idx")));
  }

  @Test
  void longGeneratedNamesAreCutTo63Bytes() {
    String n =
        PgNames.makeObjectName(
            "a_table_with_a_really_quite_long_name_for_testing",
            "and_a_column_with_a_long_name_too",
            "fkey");
    // makeObjectName trims the longer part first until both fit: 29 + 28 characters here.
    assertEquals("a_table_with_a_really_quite_l_and_a_column_with_a_long_nam_fkey", n);
    assertEquals(63, n.length());
    assertEquals(
        "orders_customer_id_fkey", PgNames.makeObjectName("orders", "customer_id", "fkey"));
    assertEquals("orders_pkey", PgNames.makeObjectName("orders", null, "pkey"));
  }

  @Test
  void validateAndDropByGeneratedNameResolve() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS), "ALTER TABLE orders ADD CHECK (status IS NOT NULL) NOT VALID");
    CatalogConstraint added = c.constraint(name("orders"), "orders_status_check").orElseThrow();
    assertFalse(added.validated());
    assertFalse(c.hasValidNotNullCheck(name("orders"), "status"));

    Sql.apply(c, "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check");
    assertTrue(c.hasValidNotNullCheck(name("orders"), "status"));

    Sql.apply(c, "ALTER TABLE orders DROP CONSTRAINT orders_email_key");
    assertTrue(c.constraint(name("orders"), "orders_email_key").isEmpty());
    assertEquals(
        RelationKind.UNKNOWN,
        c.kindOf(name("orders_email_key")),
        "the backing index goes with the constraint");

    Sql.apply(c, "ALTER TABLE orders ADD CHECK (amount < 1000)");
    assertTrue(
        c.constraint(name("orders"), "orders_amount_check1").isPresent(),
        "second unnamed CHECK on amount");
  }

  @Test
  void renamesFollowIndexesAndForeignKeys() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS),
            """
        CREATE INDEX orders_customer_idx ON orders (customer_id);
        ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
        ALTER TABLE customers RENAME TO clients;
        """);
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("client_id")));
    CatalogConstraint fk = c.constraint(name("orders"), "orders_customer_id_fkey").orElseThrow();
    assertEquals("public.clients", fk.referencedTable());
    assertEquals(List.of("client_id"), fk.columns());
    assertEquals(RelationKind.TABLE, c.kindOf(name("clients")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("customers")));
    assertEquals("public.clients", c.index(name("customers_pkey")).orElseThrow().table());

    Sql.apply(
        c,
        """
        CREATE SCHEMA sales;
        ALTER TABLE orders SET SCHEMA sales;
        ALTER INDEX sales.orders_customer_idx RENAME TO orders_client_idx;
        """);
    assertEquals(RelationKind.TABLE, c.kindOf(name("sales.orders")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("sales.orders_client_idx")));
    assertTrue(c.hasIndexWithLeadingColumns(name("sales.orders"), List.of("client_id")));
  }

  @Test
  void indexLeadingColumnsMatchInAnyOrderButOnlyAtTheFront() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS),
            """
        CREATE INDEX ON orders (status, customer_id);
        CREATE INDEX ON orders (email) WHERE email IS NOT NULL;
        CREATE UNIQUE INDEX ON customers (id);
        """);
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("status")));
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("customer_id", "status")));
    assertFalse(c.hasIndexWithLeadingColumns(name("orders"), List.of("customer_id")));
    assertTrue(
        c.hasIndexWithLeadingColumns(name("orders"), List.of("id")),
        "the primary key index counts");
    assertFalse(c.hasIndexWithLeadingColumns(name("orders"), List.of("amount")));
    Sql.apply(c, "DROP INDEX orders_status_customer_id_idx");
    assertFalse(c.hasIndexWithLeadingColumns(name("orders"), List.of("status")));
  }

  @Test
  void provesNotNullAfterNormalisation() {
    assertTrue(Catalog.provesNotNull("status IS NOT NULL", "status"));
    assertTrue(Catalog.provesNotNull("(status IS NOT NULL)", "status"));
    assertTrue(Catalog.provesNotNull("((status   is not   null))", "status"));
    assertTrue(Catalog.provesNotNull("\"Status\" IS NOT NULL", "Status"));
    assertFalse(Catalog.provesNotNull("\"Status\" IS NOT NULL", "status"));
    assertFalse(Catalog.provesNotNull("status IS NOT NULL AND amount > 0", "status"));
    assertFalse(Catalog.provesNotNull("(status IS NOT NULL) OR (amount IS NOT NULL)", "status"));
    assertFalse(Catalog.provesNotNull("status IS NULL", "status"));
    assertFalse(Catalog.provesNotNull("amount IS NOT NULL", "status"));
  }

  @Test
  void aCheckWrittenWithParenthesesInSqlProvesNotNull() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS),
            """
        ALTER TABLE orders ADD CONSTRAINT status_nn CHECK ((status IS NOT NULL));
        """);
    assertTrue(c.hasValidNotNullCheck(name("orders"), "status"));
  }

  @Test
  void copyIsIndependent() {
    Catalog c = Sql.replay(ORDERS);
    Catalog copy = c.copy();
    Sql.apply(copy, "DROP TABLE orders");
    assertEquals(RelationKind.UNKNOWN, copy.kindOf(name("orders")));
    assertEquals(RelationKind.UNKNOWN, copy.kindOf(name("orders_pkey")));
    assertEquals(RelationKind.TABLE, c.kindOf(name("orders")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_pkey")));
  }

  @Test
  void unknownTablesAreToleratedAndMarkedIncomplete() {
    Catalog c = Sql.replay("ALTER TABLE legacy ADD COLUMN note text");
    CatalogTable legacy = c.table(name("legacy")).orElseThrow();
    assertFalse(legacy.columnsKnown());
    assertTrue(legacy.column("note").isPresent());
    assertTrue(legacy.column("id").isEmpty());
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("never_seen")));
    Sql.apply(c, "ALTER TABLE IF EXISTS other ADD COLUMN x int");
    assertEquals(
        RelationKind.UNKNOWN,
        c.kindOf(name("other")),
        "IF EXISTS on an unknown table does nothing");
  }

  @Test
  void configuredDefaultSchemaQualifiesNames() {
    Catalog c =
        Sql.replay("app", "CREATE TABLE users (id int); CREATE TABLE public.legacy (id int)");
    assertEquals(RelationKind.TABLE, c.kindOf(name("app.users")));
    assertEquals(RelationKind.TABLE, c.kindOf(name("public.legacy")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("public.users")));
    assertEquals("app.users", c.qualify(name("users")));
  }

  @Test
  void enumLabelsFollowAddAndRename() {
    Catalog c =
        Sql.replay(
            """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
        ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ecstatic';
        ALTER TYPE mood ADD VALUE 'meh' AFTER 'sad';
        ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
        """);
    assertEquals(
        List.of("blue", "meh", "ok", "happy", "ecstatic"),
        c.enumLabels(name("mood")).orElseThrow());
    Sql.apply(c, "DROP TYPE mood");
    assertTrue(c.enumLabels(name("mood")).isEmpty());
  }

  @Test
  void primaryKeyUsingIndexRenamesTheIndex() {
    Catalog c =
        Sql.replay(
            """
        CREATE TABLE t (id int);
        CREATE UNIQUE INDEX CONCURRENTLY t_id_uniq ON t (id);
        ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_id_uniq;
        """);
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("t_id_uniq")));
    assertEquals(List.of("id"), c.index(name("t_pk")).orElseThrow().columns());
    assertEquals(List.of("id"), c.constraint(name("t"), "t_pk").orElseThrow().columns());
    assertTrue(c.column(name("t"), "id").orElseThrow().notNull());
  }

  @Test
  void dropColumnDropsItsIndexesAndConstraints() {
    Catalog c = Sql.apply(Sql.replay(ORDERS), "ALTER TABLE orders DROP COLUMN email");
    assertTrue(c.constraint(name("orders"), "orders_email_key").isEmpty());
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("orders_email_key")));
    assertTrue(c.column(name("orders"), "email").isEmpty());
  }

  @Test
  void columnChangesAreTracked() {
    Catalog c =
        Sql.apply(
            Sql.replay(ORDERS),
            """
        ALTER TABLE orders ALTER COLUMN status TYPE varchar(100), ALTER COLUMN status SET NOT NULL,
          ALTER COLUMN status SET DEFAULT 'new';
        ALTER TABLE orders ADD COLUMN n int GENERATED BY DEFAULT AS IDENTITY;
        """);
    CatalogColumn status = c.column(name("orders"), "status").orElseThrow();
    assertEquals(List.of(100), status.type().modifiers());
    assertTrue(status.notNull());
    assertEquals("'new'", status.defaultExpression());
    assertTrue(c.column(name("orders"), "n").orElseThrow().identity());
    Sql.apply(
        c, "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL, ALTER COLUMN n DROP IDENTITY");
    assertFalse(c.column(name("orders"), "status").orElseThrow().notNull());
    assertFalse(c.column(name("orders"), "n").orElseThrow().identity());
  }

  @Test
  void viewsSequencesAndMaterializedViews() {
    Catalog c =
        Sql.replay(
            """
        CREATE TABLE t (id int);
        CREATE VIEW v AS SELECT * FROM t;
        CREATE MATERIALIZED VIEW mv AS SELECT count(*) FROM t;
        CREATE SEQUENCE s;
        ALTER VIEW v RENAME TO v2;
        """);
    assertEquals(RelationKind.VIEW, c.kindOf(name("v2")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("v")));
    assertEquals(RelationKind.MATERIALIZED_VIEW, c.kindOf(name("mv")));
    assertEquals(RelationKind.SEQUENCE, c.kindOf(name("s")));
    Sql.apply(c, "DROP MATERIALIZED VIEW mv; DROP SEQUENCE s; DROP VIEW v2");
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("mv")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("s")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("v2")));
  }

  @Test
  void partitionsRememberTheirParent() {
    Catalog c =
        Sql.replay(
            """
        CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE events_other PARTITION OF events DEFAULT;
        CREATE UNLOGGED TABLE scratch (id int);
        """);
    assertTrue(c.table(name("events")).orElseThrow().partitioned());
    CatalogTable p = c.table(name("events_2024")).orElseThrow();
    assertEquals("public.events", p.partitionOf());
    assertFalse(p.defaultPartition());
    assertTrue(p.column("at").isPresent(), "a partition has its parent's columns");
    assertTrue(c.table(name("events_other")).orElseThrow().defaultPartition());
    assertTrue(c.table(name("scratch")).orElseThrow().unlogged());
    Sql.apply(c, "ALTER TABLE events DETACH PARTITION events_2024; ALTER TABLE scratch SET LOGGED");
    assertEquals(null, c.table(name("events_2024")).orElseThrow().partitionOf());
    assertFalse(c.table(name("scratch")).orElseThrow().unlogged());
  }

  @Test
  void knowsTheTriggersOfTablesItsHistoryCreated() {
    Catalog c =
        Sql.replay(
            ORDERS
                + """
        CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();
        CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
        DROP TRIGGER orders_touch ON orders;
        ALTER TABLE orders RENAME TO purchases;
        """);
    assertEquals(java.util.Optional.of(true), c.hasTrigger(name("purchases"), "orders_audit"));
    assertEquals(java.util.Optional.of(false), c.hasTrigger(name("purchases"), "orders_touch"));
    assertEquals(java.util.Optional.of(false), c.hasTrigger(name("customers"), "orders_audit"));
    // a table the history never created may have any trigger
    assertEquals(java.util.Optional.empty(), c.hasTrigger(name("legacy"), "orders_audit"));
  }

  @Test
  void aDoBlockMakesATablesTriggersUnknown() {
    Catalog c =
        Sql.replay(
            ORDERS
                + """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 't') THEN
            CREATE TRIGGER t AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();
          END IF;
        END $$;
        """);
    assertEquals(java.util.Optional.empty(), c.hasTrigger(name("orders"), "t"));
  }

  @Test
  void remembersWhatAMaterializedViewReads() {
    Catalog c =
        Sql.replay(
            ORDERS
                + """
        CREATE MATERIALIZED VIEW totals AS SELECT c.id, sum(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id
          GROUP BY c.id;
        ALTER MATERIALIZED VIEW totals RENAME TO customer_totals;
        """);
    assertEquals(
        List.of("public.customers", "public.orders"), c.viewSources(name("customer_totals")));
    assertEquals(List.of(), c.viewSources(name("totals")));
  }

  @Test
  void knowsTheAccessMethodOfTablesItsHistoryCreated() {
    Catalog c =
        Sql.replay(
            ORDERS
                + """
        CREATE TABLE archive_rows (id int) USING columnar;
        ALTER TABLE customers SET ACCESS METHOD heap2;
        """);
    assertEquals(java.util.Optional.of("heap"), c.accessMethod(name("orders")));
    assertEquals(java.util.Optional.of("columnar"), c.accessMethod(name("archive_rows")));
    assertEquals(java.util.Optional.of("heap2"), c.accessMethod(name("customers")));
    assertEquals(java.util.Optional.empty(), c.accessMethod(name("legacy")));
  }
}
