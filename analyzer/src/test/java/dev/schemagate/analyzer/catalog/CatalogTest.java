package dev.schemagate.analyzer.catalog;

import static dev.schemagate.analyzer.lock.Stmts.action;
import static dev.schemagate.analyzer.lock.Stmts.alter;
import static dev.schemagate.analyzer.lock.Stmts.check;
import static dev.schemagate.analyzer.lock.Stmts.checkNotValid;
import static dev.schemagate.analyzer.lock.Stmts.col;
import static dev.schemagate.analyzer.lock.Stmts.createIndex;
import static dev.schemagate.analyzer.lock.Stmts.createTable;
import static dev.schemagate.analyzer.lock.Stmts.fk;
import static dev.schemagate.analyzer.lock.Stmts.name;
import static dev.schemagate.analyzer.lock.Stmts.pk;
import static dev.schemagate.analyzer.lock.Stmts.simple;
import static dev.schemagate.analyzer.lock.Stmts.stmt;
import static dev.schemagate.analyzer.lock.Stmts.type;
import static dev.schemagate.analyzer.lock.Stmts.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {

  /** CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
   *  email text UNIQUE, amount numeric(10,2) CHECK (amount >= 0), status varchar(20), CHECK (amount > 0 OR status = 'free')). */
  private static Catalog ordersCatalog() {
    Catalog c = new Catalog();
    c.apply(createTable("CREATE TABLE customers (id bigint PRIMARY KEY)", "customers",
        col("id", type("int8"), true, null, Volatility.NONE, ColumnDef.Generated.NONE, pk(null))));
    c.apply(createTable("CREATE TABLE orders (…)", "orders", List.of(
        col("id", type("bigserial"), false, null, Volatility.NONE, ColumnDef.Generated.NONE, pk(null)),
        col("customer_id", type("int4"), true, null, Volatility.NONE, ColumnDef.Generated.NONE, fk(null, "customers", false)),
        col("email", type("text"), false, null, Volatility.NONE, ColumnDef.Generated.NONE, unique(null)),
        col("amount", type("numeric", 10, 2), false, null, Volatility.NONE, ColumnDef.Generated.NONE,
            check(null, "amount >= 0", "amount")),
        col("status", type("varchar", 20))),
        List.of(check(null, "amount > 0 OR status = 'free'", "amount", "status"))));
    return c;
  }

  @Test
  void generatesConstraintAndIndexNamesAsPostgresDoes() {
    Catalog c = ordersCatalog();
    CatalogTable orders = c.table(name("orders")).orElseThrow();
    assertEquals(List.of("orders_pkey", "orders_customer_id_fkey", "orders_email_key", "orders_amount_check", "orders_check"),
        orders.constraints().stream().map(CatalogConstraint::name).toList());
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_pkey")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_email_key")));
    assertEquals(RelationKind.SEQUENCE, c.kindOf(name("orders_id_seq")));
    assertEquals("public.customers", orders.constraint("orders_customer_id_fkey").orElseThrow().referencedTable());
    assertEquals("int8", orders.column("id").orElseThrow().type().name(), "bigserial is stored as int8");
    assertTrue(orders.column("id").orElseThrow().notNull());
    assertEquals(Volatility.VOLATILE, orders.column("id").orElseThrow().defaultVolatility());
  }

  @Test
  void unnamedIndexGetsIdxSuffixAndANumberOnClash() {
    Catalog c = ordersCatalog();
    c.apply(createIndex("CREATE INDEX ON orders (status)", null, "orders", false, Set.of(), "status"));
    c.apply(createIndex("CREATE INDEX ON orders (status)", null, "orders", false, Set.of(), "status"));
    c.apply(createIndex("CREATE INDEX ON orders (customer_id, status)", null, "orders", false, Set.of(), "customer_id", "status"));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_status_idx")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_status_idx1")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_customer_id_status_idx")));
  }

  @Test
  void longGeneratedNamesAreTruncatedTo63Bytes() {
    String table = "a_table_with_a_really_quite_long_name_for_testing";
    String column = "and_a_column_with_a_long_name_too";
    String n = PgNames.makeObjectName(table, column, "fkey");
    // makeObjectName trims the longer part first until both fit: 29 + 28 characters here.
    assertEquals("a_table_with_a_really_quite_l_and_a_column_with_a_long_nam_fkey", n);
    assertEquals(63, n.length());
    assertEquals("orders_customer_id_fkey", PgNames.makeObjectName("orders", "customer_id", "fkey"));
    assertEquals("orders_pkey", PgNames.makeObjectName("orders", null, "pkey"));
  }

  @Test
  void dropAndValidateByGeneratedNameResolve() {
    Catalog c = ordersCatalog();
    c.apply(alter("ALTER TABLE orders ADD CHECK (status IS NOT NULL) NOT VALID", "orders",
        action(ActionKind.ADD_CONSTRAINT, "ADD CHECK (status IS NOT NULL) NOT VALID")
            .constraint(checkNotValid(null, "status IS NOT NULL", "status")).build()));
    CatalogConstraint added = c.constraint(name("orders"), "orders_status_check").orElseThrow();
    assertFalse(added.validated());
    assertFalse(c.hasValidNotNullCheck(name("orders"), "status"));

    c.apply(alter("ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check", "orders",
        action(ActionKind.VALIDATE_CONSTRAINT, "VALIDATE CONSTRAINT orders_status_check").name("orders_status_check").build()));
    assertTrue(c.hasValidNotNullCheck(name("orders"), "status"));

    c.apply(alter("ALTER TABLE orders DROP CONSTRAINT orders_email_key", "orders",
        action(ActionKind.DROP_CONSTRAINT, "DROP CONSTRAINT orders_email_key").name("orders_email_key").build()));
    assertTrue(c.constraint(name("orders"), "orders_email_key").isEmpty());
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("orders_email_key")), "the backing index goes with the constraint");
  }

  @Test
  void secondUnnamedCheckOnSameColumnGetsANumber() {
    Catalog c = ordersCatalog();
    c.apply(alter("ALTER TABLE orders ADD CHECK (amount < 1000)", "orders",
        action(ActionKind.ADD_CONSTRAINT, "ADD CHECK (amount < 1000)").constraint(check(null, "amount < 1000", "amount")).build()));
    assertTrue(c.constraint(name("orders"), "orders_amount_check1").isPresent());
  }

  @Test
  void renamesFollowIndexesAndForeignKeys() {
    Catalog c = ordersCatalog();
    c.apply(createIndex("CREATE INDEX orders_customer_idx ON orders (customer_id)", "orders_customer_idx", "orders", false,
        Set.of(), "customer_id"));
    c.apply(alter("ALTER TABLE orders RENAME COLUMN customer_id TO client_id", "orders",
        action(ActionKind.RENAME_COLUMN, "RENAME COLUMN customer_id TO client_id").name("customer_id").newName("client_id").build()));
    c.apply(alter("ALTER TABLE customers RENAME TO clients", "customers",
        action(ActionKind.RENAME_TABLE, "RENAME TO clients").newName("clients").build()));
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("client_id")));
    assertEquals("public.clients",
        c.constraint(name("orders"), "orders_customer_id_fkey").orElseThrow().referencedTable());
    assertEquals(List.of("client_id"), c.constraint(name("orders"), "orders_customer_id_fkey").orElseThrow().columns());
    assertEquals(RelationKind.TABLE, c.kindOf(name("clients")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("customers")));
    assertEquals("public.clients", c.index(name("customers_pkey")).orElseThrow().table());

    c.apply(alter("ALTER TABLE orders SET SCHEMA sales", "orders",
        action(ActionKind.SET_SCHEMA, "SET SCHEMA sales").newName("sales").build()));
    assertEquals(RelationKind.TABLE, c.kindOf(name("sales.orders")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("sales.orders_customer_idx")));
    assertTrue(c.hasIndexWithLeadingColumns(name("sales.orders"), List.of("client_id")));
  }

  @Test
  void indexLeadingColumnsMatchInAnyOrderButOnlyAtTheFront() {
    Catalog c = ordersCatalog();
    c.apply(createIndex("CREATE INDEX ON orders (status, customer_id)", null, "orders", false, Set.of(), "status", "customer_id"));
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("status")));
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("customer_id", "status")));
    assertFalse(c.hasIndexWithLeadingColumns(name("orders"), List.of("customer_id")));
    assertTrue(c.hasIndexWithLeadingColumns(name("orders"), List.of("id")), "the primary key index counts");
    assertFalse(c.hasIndexWithLeadingColumns(name("customers"), List.of("customer_id")));
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
  void copyIsIndependent() {
    Catalog c = ordersCatalog();
    Catalog copy = c.copy();
    copy.apply(simple("DROP TABLE orders", StatementKind.DROP_TABLE, "orders"));
    assertEquals(RelationKind.UNKNOWN, copy.kindOf(name("orders")));
    assertEquals(RelationKind.UNKNOWN, copy.kindOf(name("orders_pkey")));
    assertEquals(RelationKind.TABLE, c.kindOf(name("orders")));
    assertEquals(RelationKind.INDEX, c.kindOf(name("orders_pkey")));
  }

  @Test
  void unknownTablesAreToleratedAndMarkedIncomplete() {
    Catalog c = new Catalog();
    c.apply(alter("ALTER TABLE legacy ADD COLUMN note text", "legacy",
        action(ActionKind.ADD_COLUMN, "ADD COLUMN note text").columnDef(col("note", type("text"))).build()));
    CatalogTable legacy = c.table(name("legacy")).orElseThrow();
    assertFalse(legacy.columnsKnown());
    assertTrue(legacy.column("note").isPresent());
    assertTrue(legacy.column("id").isEmpty());
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("never_seen")));
  }

  @Test
  void configuredDefaultSchemaQualifiesNames() {
    Catalog c = new Catalog("app");
    c.apply(createTable("CREATE TABLE users (id int)", "users", col("id", type("int4"))));
    assertEquals(RelationKind.TABLE, c.kindOf(name("app.users")));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("public.users")));
    assertEquals("app.users", c.qualify(name("users")));
  }

  @Test
  void enumLabelsFollowAddAndRename() {
    Catalog c = new Catalog();
    c.apply(stmt("CREATE TYPE mood AS ENUM ('sad', 'happy')", StatementKind.CREATE_ENUM, "mood", List.of(),
        List.of(AlterAction.of(ActionKind.ADD_ENUM_VALUE, "'sad'").newName("sad").build(),
            AlterAction.of(ActionKind.ADD_ENUM_VALUE, "'happy'").newName("happy").build()), null, Set.of(), Map.of()));
    c.apply(stmt("ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'", StatementKind.ALTER_TYPE, "mood", List.of(),
        List.of(AlterAction.of(ActionKind.ADD_ENUM_VALUE, "ADD VALUE 'ok' BEFORE 'happy'").newName("ok")
            .expression("BEFORE 'happy'").build()), null, Set.of(), Map.of()));
    c.apply(stmt("ALTER TYPE mood ADD VALUE 'ecstatic'", StatementKind.ALTER_TYPE, "mood", List.of(),
        List.of(AlterAction.of(ActionKind.ADD_ENUM_VALUE, "ADD VALUE 'ecstatic'").newName("ecstatic").build()),
        null, Set.of(), Map.of()));
    c.apply(stmt("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'", StatementKind.ALTER_TYPE, "mood", List.of(),
        List.of(AlterAction.of(ActionKind.RENAME_ENUM_VALUE, "RENAME VALUE 'sad' TO 'blue'").name("sad").newName("blue").build()),
        null, Set.of(), Map.of()));
    assertEquals(List.of("blue", "ok", "happy", "ecstatic"), c.enumLabels(name("mood")).orElseThrow());
  }

  @Test
  void primaryKeyUsingIndexRenamesTheIndex() {
    Catalog c = new Catalog();
    c.apply(createTable("CREATE TABLE t (id int)", "t", col("id", type("int4"))));
    c.apply(createIndex("CREATE UNIQUE INDEX CONCURRENTLY t_id_uniq ON t (id)", "t_id_uniq", "t", true,
        Set.of(Flag.CONCURRENTLY), "id"));
    c.apply(alter("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_id_uniq", "t",
        action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_id_uniq")
            .constraint(dev.schemagate.analyzer.lock.Stmts.usingIndex(ConstraintType.PRIMARY_KEY, "t_pk", "t_id_uniq")).build()));
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("t_id_uniq")));
    assertEquals(List.of("id"), c.index(name("t_pk")).orElseThrow().columns());
    assertTrue(c.column(name("t"), "id").orElseThrow().notNull());
  }

  @Test
  void dropColumnDropsItsIndexesAndConstraints() {
    Catalog c = ordersCatalog();
    c.apply(alter("ALTER TABLE orders DROP COLUMN email", "orders",
        action(ActionKind.DROP_COLUMN, "DROP COLUMN email").column("email").build()));
    assertTrue(c.constraint(name("orders"), "orders_email_key").isEmpty());
    assertEquals(RelationKind.UNKNOWN, c.kindOf(name("orders_email_key")));
    assertTrue(c.column(name("orders"), "email").isEmpty());
  }

  @Test
  void partitionsRememberTheirParent() {
    Catalog c = new Catalog();
    c.apply(createTable("CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)", "events",
        List.of(col("id", type("int4")), col("at", type("date"))), List.of(), Flag.PARTITIONED));
    c.apply(dev.schemagate.analyzer.lock.Stmts.partitionOf(
        "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "events_2024", "events"));
    c.apply(dev.schemagate.analyzer.lock.Stmts.partitionOf("CREATE TABLE events_other PARTITION OF events DEFAULT",
        "events_other", "events"));
    assertTrue(c.table(name("events")).orElseThrow().partitioned());
    CatalogTable p = c.table(name("events_2024")).orElseThrow();
    assertEquals("public.events", p.partitionOf());
    assertFalse(p.defaultPartition());
    assertTrue(p.column("at").isPresent(), "a partition has its parent's columns");
    assertTrue(c.table(name("events_other")).orElseThrow().defaultPartition());
  }
}
