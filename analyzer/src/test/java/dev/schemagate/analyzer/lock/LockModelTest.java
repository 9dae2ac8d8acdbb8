package dev.schemagate.analyzer.lock;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ACCESS_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ROW_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ROW_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static dev.schemagate.analyzer.lock.Stmts.action;
import static dev.schemagate.analyzer.lock.Stmts.alter;
import static dev.schemagate.analyzer.lock.Stmts.attrs;
import static dev.schemagate.analyzer.lock.Stmts.check;
import static dev.schemagate.analyzer.lock.Stmts.checkNotValid;
import static dev.schemagate.analyzer.lock.Stmts.col;
import static dev.schemagate.analyzer.lock.Stmts.createIndex;
import static dev.schemagate.analyzer.lock.Stmts.createTable;
import static dev.schemagate.analyzer.lock.Stmts.exclude;
import static dev.schemagate.analyzer.lock.Stmts.fk;
import static dev.schemagate.analyzer.lock.Stmts.notNull;
import static dev.schemagate.analyzer.lock.Stmts.partitionOf;
import static dev.schemagate.analyzer.lock.Stmts.pk;
import static dev.schemagate.analyzer.lock.Stmts.simple;
import static dev.schemagate.analyzer.lock.Stmts.stmt;
import static dev.schemagate.analyzer.lock.Stmts.type;
import static dev.schemagate.analyzer.lock.Stmts.unique;
import static dev.schemagate.analyzer.lock.Stmts.usingIndex;
import static dev.schemagate.analyzer.lock.Stmts.withAttributes;
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
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef.Generated;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of docs/lock-model.md, on every version (14–18) where a row differs by version.
 * Each statement carries the SQL text it stands for.
 */
class LockModelTest {

  private static final LockModel MODEL = new LockModel();

  /**
   * CREATE TABLE customers (id bigint PRIMARY KEY);
   * CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers, status varchar(20),
   *   amount numeric(10,2), created_at timestamp, note text, code char(3), net cidr, label varchar,
   *   total generated always as (amount * 2) stored);
   * CREATE INDEX orders_status_idx ON orders (status);
   * CREATE MATERIALIZED VIEW order_totals AS SELECT …; CREATE SEQUENCE invoice_no;
   */
  static Catalog base() {
    Catalog c = new Catalog();
    c.apply(createTable("CREATE TABLE customers (id bigint PRIMARY KEY)", "customers",
        col("id", type("int8"), true, null, Volatility.NONE, Generated.NONE, pk(null))));
    c.apply(createTable("CREATE TABLE orders (…)", "orders", List.of(
        col("id", type("int8"), true, null, Volatility.NONE, Generated.NONE, pk(null)),
        col("customer_id", type("int4"), false, null, Volatility.NONE, Generated.NONE, fk(null, "customers", false)),
        col("status", type("varchar", 20)),
        col("amount", type("numeric", 10, 2)),
        col("created_at", type("timestamp")),
        col("note", type("text")),
        col("code", type("bpchar", 3)),
        col("net", type("cidr")),
        col("label", type("varchar")),
        col("total", type("numeric"), false, null, Volatility.NONE, Generated.STORED)), List.of()));
    c.apply(createIndex("CREATE INDEX orders_status_idx ON orders (status)", "orders_status_idx", "orders", false,
        Set.of(), "status"));
    c.apply(simple("CREATE MATERIALIZED VIEW order_totals AS SELECT …", StatementKind.CREATE_MATERIALIZED_VIEW,
        "order_totals"));
    c.apply(simple("CREATE SEQUENCE invoice_no", StatementKind.CREATE_SEQUENCE, "invoice_no"));
    return c;
  }

  static StatementFacts run(int v, Catalog c, ParsedStatement st) {
    return MODEL.analyze(st, c, LockContext.of(v));
  }

  static StatementFacts run(int v, ParsedStatement st) {
    return run(v, base(), st);
  }

  /** Exact locks, in order: relation, mode, relation, mode… */
  static void assertLocks(StatementFacts f, Object... pairs) {
    Map<String, LockMode> expected = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      expected.put((String) pairs[i], (LockMode) pairs[i + 1]);
    }
    Map<String, LockMode> actual = new LinkedHashMap<>();
    for (RelationLock l : f.locks()) {
      actual.put(l.relation(), l.mode());
    }
    assertEquals(expected, actual, () -> "locks of " + f.statement().source().text() + "; notes " + f.notes());
  }

  static void assertFacts(StatementFacts f, boolean rewrite, boolean scan, boolean transactional) {
    String what = f.statement().source().text() + " notes " + f.notes();
    assertEquals(rewrite, f.rewrite(), "rewrite: " + what);
    assertEquals(scan, f.scan(), "scan: " + what);
    assertEquals(transactional, f.transactional(), "transactional: " + what);
    assertNull(f.versionError(), "versionError: " + what);
  }

  static boolean noted(StatementFacts f, String fragment) {
    return f.notes().stream().anyMatch(n -> n.contains(fragment));
  }

  static AlterAction addColumn(String raw, String name, TypeName t, boolean notNull, String dflt, Volatility vol,
      Generated g, dev.schemagate.analyzer.statement.ConstraintDef... cons) {
    return action(ActionKind.ADD_COLUMN, raw).columnDef(col(name, t, notNull, dflt, vol, g, cons)).build();
  }

  static ParsedStatement addColumnStmt(String sql, AlterAction a) {
    return alter(sql, "orders", a);
  }

  // ------------------------------------------------------------------ ADD COLUMN

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void addColumnWithoutDefaultOrWithConstantDefaultIsCatalogOnly(int v) {
    StatementFacts plain = run(v, addColumnStmt("ALTER TABLE orders ADD COLUMN discount numeric",
        addColumn("ADD COLUMN discount numeric", "discount", type("numeric"), false, null, Volatility.NONE, Generated.NONE)));
    assertLocks(plain, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(plain, false, false, true);

    StatementFacts constant = run(v, addColumnStmt("ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false",
        addColumn("ADD COLUMN flag boolean NOT NULL DEFAULT false", "flag", type("bool"), true, "false",
            Volatility.CONSTANT, Generated.NONE)));
    assertLocks(constant, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(constant, false, false, true);
    assertTrue(noted(constant, "non-volatile default"));
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void addColumnRewritesForVolatileDefaultSerialIdentityAndStored(int v) {
    List<ParsedStatement> rewriting = List.of(
        addColumnStmt("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()",
            addColumn("ADD COLUMN token uuid DEFAULT gen_random_uuid()", "token", type("uuid"), false,
                "gen_random_uuid()", Volatility.VOLATILE, Generated.NONE)),
        addColumnStmt("ALTER TABLE orders ADD COLUMN seq bigserial",
            addColumn("ADD COLUMN seq bigserial", "seq", type("bigserial"), false, null, Volatility.NONE, Generated.NONE)),
        addColumnStmt("ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS IDENTITY",
            addColumn("ADD COLUMN n int GENERATED ALWAYS AS IDENTITY", "n", type("int4"), true, null, Volatility.NONE,
                Generated.IDENTITY_ALWAYS)),
        addColumnStmt("ALTER TABLE orders ADD COLUMN twice numeric GENERATED ALWAYS AS (amount * 2) STORED",
            addColumn("ADD COLUMN twice numeric GENERATED ALWAYS AS (amount * 2) STORED", "twice", type("numeric"),
                false, null, Volatility.NONE, Generated.STORED)));
    for (ParsedStatement st : rewriting) {
      StatementFacts f = run(v, st);
      assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
      assertFacts(f, true, false, true);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void virtualGeneratedColumnNeeds18AndDoesNotRewrite(int v) {
    StatementFacts f = run(v, addColumnStmt("ALTER TABLE orders ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL",
        addColumn("ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL", "half", type("numeric"), false,
            null, Volatility.NONE, Generated.VIRTUAL)));
    if (v < 18) {
      assertNotNull(f.versionError());
      assertTrue(f.versionError().contains("18"));
    } else {
      assertFacts(f, false, false, true);
    }
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
  }

  @Test
  void addColumnNotNullWithoutDefaultOnExistingTableIsNotedAsFailing() {
    StatementFacts f = run(16, addColumnStmt("ALTER TABLE orders ADD COLUMN region text NOT NULL",
        addColumn("ADD COLUMN region text NOT NULL", "region", type("text"), true, null, Volatility.NONE, Generated.NONE)));
    assertTrue(noted(f, "fails if the table has rows"), f.notes().toString());
    assertFacts(f, false, false, true);
  }

  @Test
  void addColumnInlineConstraintsScanAndLockReferencedTable() {
    StatementFacts checked = run(16, addColumnStmt("ALTER TABLE orders ADD COLUMN qty int DEFAULT 1 CHECK (qty > 0)",
        addColumn("ADD COLUMN qty int DEFAULT 1 CHECK (qty > 0)", "qty", type("int4"), false, "1", Volatility.CONSTANT,
            Generated.NONE, check(null, "qty > 0", "qty"))));
    assertLocks(checked, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(checked, false, true, true);

    StatementFacts uniqueCol = run(16, addColumnStmt("ALTER TABLE orders ADD COLUMN ext_id text UNIQUE",
        addColumn("ADD COLUMN ext_id text UNIQUE", "ext_id", type("text"), false, null, Volatility.NONE,
            Generated.NONE, unique(null))));
    assertFacts(uniqueCol, false, true, true);

    StatementFacts ref = run(16, addColumnStmt("ALTER TABLE orders ADD COLUMN payer_id bigint REFERENCES customers",
        addColumn("ADD COLUMN payer_id bigint REFERENCES customers", "payer_id", type("int8"), false, null,
            Volatility.NONE, Generated.NONE, fk(null, "customers", false))));
    assertLocks(ref, "public.orders", ACCESS_EXCLUSIVE, "public.customers", SHARE_ROW_EXCLUSIVE);
    assertFacts(ref, false, true, true);
  }

  // ------------------------------------------------------------------ ALTER COLUMN TYPE

  static StatementFacts typeChange(String column, TypeName to, String using) {
    String sql = "ALTER TABLE orders ALTER COLUMN " + column + " TYPE " + to.raw() + (using == null ? "" : " USING " + using);
    return run(16, alter(sql, "orders", action(ActionKind.ALTER_COLUMN_TYPE, sql.substring(19))
        .column(column).type(to).expression(using).build()));
  }

  @Test
  void binaryCoercibleTypeChangesDoNotRewrite() {
    assertFalse(typeChange("status", type("varchar", 50), null).rewrite(), "varchar(20) → varchar(50)");
    assertFalse(typeChange("status", type("varchar", 20), null).rewrite(), "same type");
    assertFalse(typeChange("status", type("varchar"), null).rewrite(), "varchar(20) → varchar");
    assertFalse(typeChange("status", type("text"), null).rewrite(), "varchar → text");
    assertFalse(typeChange("note", type("varchar"), null).rewrite(), "text → varchar");
    assertFalse(typeChange("amount", type("numeric", 12, 2), null).rewrite(), "numeric(10,2) → numeric(12,2)");
    assertFalse(typeChange("amount", type("numeric"), null).rewrite(), "numeric(10,2) → numeric");
    assertFalse(typeChange("net", type("inet"), null).rewrite(), "cidr → inet");
    StatementFacts f = typeChange("status", type("varchar", 50), null);
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(f, false, false, true);
  }

  @Test
  void otherTypeChangesRewrite() {
    assertTrue(typeChange("status", type("varchar", 10), null).rewrite(), "varchar(20) → varchar(10)");
    assertTrue(typeChange("label", type("varchar", 10), null).rewrite(), "varchar → varchar(10)");
    assertTrue(typeChange("note", type("varchar", 10), null).rewrite(), "text → varchar(10)");
    assertTrue(typeChange("customer_id", type("int8"), null).rewrite(), "int4 → int8");
    assertTrue(typeChange("amount", type("numeric", 12, 3), null).rewrite(), "numeric scale change");
    assertTrue(typeChange("amount", type("numeric", 8, 2), null).rewrite(), "numeric precision lowered");
    assertTrue(typeChange("note", type("int4"), "note::integer").rewrite(), "text → int USING");
    assertTrue(typeChange("status", type("text"), "status").rewrite(), "any USING rewrites");
    assertTrue(typeChange("code", type("text"), null).rewrite(), "char(3) → text (rtrim cast)");
    StatementFacts tz = typeChange("created_at", type("timestamptz"), null);
    assertTrue(tz.rewrite());
    assertTrue(noted(tz, "UTC"), tz.notes().toString());
    StatementFacts indexed = typeChange("status", type("int4"), "status::int");
    assertTrue(noted(indexed, "indexes on status are rebuilt"), indexed.notes().toString());
  }

  @Test
  void unknownOldTypeIsAssumedToRewrite() {
    StatementFacts f = run(16, alter("ALTER TABLE legacy ALTER COLUMN x TYPE text", "legacy",
        action(ActionKind.ALTER_COLUMN_TYPE, "ALTER COLUMN x TYPE text").column("x").type(type("text")).build()));
    assertTrue(f.rewrite());
    assertTrue(noted(f, "unknown: assumed rewrite"), f.notes().toString());
    assertTrue(noted(f, "assumed to exist and hold rows"), f.notes().toString());
  }

  // ------------------------------------------------------------------ NOT NULL

  static ParsedStatement setNotNull(String column) {
    return alter("ALTER TABLE orders ALTER COLUMN " + column + " SET NOT NULL", "orders",
        action(ActionKind.SET_NOT_NULL, "ALTER COLUMN " + column + " SET NOT NULL").column(column).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void setNotNullScansUnlessAValidCheckProvesIt(int v) {
    Catalog c = base();
    StatementFacts scanned = run(v, c, setNotNull("status"));
    assertLocks(scanned, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(scanned, false, true, true);

    c.apply(alter("ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID", "orders",
        action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID")
            .constraint(checkNotValid("status_nn", "status IS NOT NULL", "status")).build()));
    assertTrue(run(v, c, setNotNull("status")).scan(), "a NOT VALID check proves nothing");

    c.apply(alter("ALTER TABLE orders VALIDATE CONSTRAINT status_nn", "orders",
        action(ActionKind.VALIDATE_CONSTRAINT, "VALIDATE CONSTRAINT status_nn").name("status_nn").build()));
    StatementFacts proven = run(v, c, setNotNull("status"));
    assertFacts(proven, false, false, true);
    assertLocks(proven, "public.orders", ACCESS_EXCLUSIVE);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void notNullNotValidConstraintIsPg18(int v) {
    Catalog c = base();
    ParsedStatement add = alter("ALTER TABLE orders ADD CONSTRAINT orders_status_nn NOT NULL status NOT VALID", "orders",
        action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT orders_status_nn NOT NULL status NOT VALID")
            .constraint(notNull("orders_status_nn", true, "status")).build());
    StatementFacts f = run(v, c, add);
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
    assertFalse(f.scan());
    if (v < 18) {
      assertNotNull(f.versionError());
      return;
    }
    assertNull(f.versionError());
    c.apply(add);
    ParsedStatement validate = alter("ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn", "orders",
        action(ActionKind.VALIDATE_CONSTRAINT, "VALIDATE CONSTRAINT orders_status_nn").name("orders_status_nn").build());
    StatementFacts vf = run(v, c, validate);
    assertLocks(vf, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertFacts(vf, false, true, true);
    c.apply(validate);
    assertFalse(run(v, c, setNotNull("status")).scan(), "the validated NOT NULL constraint covers it");
  }

  // ------------------------------------------------------------------ constraints

  static ParsedStatement addConstraint(String sql, dev.schemagate.analyzer.statement.ConstraintDef c) {
    return alter(sql, "orders", action(ActionKind.ADD_CONSTRAINT, sql.substring(19)).constraint(c).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void checkConstraintScansUnlessNotValidAndValidateIsShareUpdateExclusive(int v) {
    StatementFacts plain = run(v, addConstraint("ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0)",
        check("amount_pos", "amount > 0", "amount")));
    assertLocks(plain, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(plain, false, true, true);

    ParsedStatement notValid = addConstraint("ALTER TABLE orders ADD CONSTRAINT amount_pos CHECK (amount > 0) NOT VALID",
        checkNotValid("amount_pos", "amount > 0", "amount"));
    StatementFacts nv = run(v, notValid);
    assertLocks(nv, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(nv, false, false, true);

    Catalog c = base();
    c.apply(notValid);
    StatementFacts validate = run(v, c, alter("ALTER TABLE orders VALIDATE CONSTRAINT amount_pos", "orders",
        action(ActionKind.VALIDATE_CONSTRAINT, "VALIDATE CONSTRAINT amount_pos").name("amount_pos").build()));
    assertLocks(validate, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertFacts(validate, false, true, true);
    assertFalse(validate.strongestLockOnExisting().blocksWrites());
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void foreignKeyLocksBothTablesAndValidateTakesRowShareOnTheReferencedTable(int v) {
    Catalog c = base();
    c.apply(createTable("CREATE TABLE shipments (id bigint, order_id bigint)", "shipments",
        col("id", type("int8")), col("order_id", type("int8"))));
    ParsedStatement add = alter("ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders",
        "shipments", action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders")
            .constraint(fk("shipments_order_fk", "orders", false, "order_id")).build());
    StatementFacts f = run(v, c, add);
    assertLocks(f, "public.shipments", SHARE_ROW_EXCLUSIVE, "public.orders", SHARE_ROW_EXCLUSIVE);
    assertFacts(f, false, true, true);

    ParsedStatement addNotValid = alter("ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id)"
        + " REFERENCES orders NOT VALID", "shipments",
        action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders NOT VALID")
            .constraint(fk("shipments_order_fk", "orders", true, "order_id")).build());
    StatementFacts nv = run(v, c, addNotValid);
    assertLocks(nv, "public.shipments", SHARE_ROW_EXCLUSIVE, "public.orders", SHARE_ROW_EXCLUSIVE);
    assertFacts(nv, false, false, true);

    c.apply(addNotValid);
    StatementFacts validate = run(v, c, alter("ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_fk", "shipments",
        action(ActionKind.VALIDATE_CONSTRAINT, "VALIDATE CONSTRAINT shipments_order_fk").name("shipments_order_fk").build()));
    assertLocks(validate, "public.shipments", SHARE_UPDATE_EXCLUSIVE, "public.orders", ROW_SHARE);
    assertFacts(validate, false, true, true);

    StatementFacts drop = run(v, c, alter("ALTER TABLE shipments DROP CONSTRAINT shipments_order_fk", "shipments",
        action(ActionKind.DROP_CONSTRAINT, "DROP CONSTRAINT shipments_order_fk").name("shipments_order_fk").build()));
    assertLocks(drop, "public.shipments", ACCESS_EXCLUSIVE, "public.orders", ACCESS_EXCLUSIVE);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void uniquePrimaryKeyAndExcludeBuildAnIndexUnlessUsingIndex(int v) {
    for (ParsedStatement st : List.of(
        addConstraint("ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE (note)", unique("orders_note_key", "note")),
        addConstraint("ALTER TABLE orders ADD CONSTRAINT orders_no_overlap EXCLUDE USING gist (net inet_ops WITH &&)",
            exclude("orders_no_overlap", "net inet_ops WITH &&", "net")))) {
      StatementFacts f = run(v, st);
      assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
      assertFacts(f, false, true, true);
    }
    Catalog c = base();
    c.apply(createIndex("CREATE UNIQUE INDEX CONCURRENTLY orders_note_uniq ON orders (note)", "orders_note_uniq", "orders",
        true, Set.of(Flag.CONCURRENTLY), "note"));
    StatementFacts using = run(v, c, addConstraint("ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE USING INDEX orders_note_uniq",
        usingIndex(ConstraintType.UNIQUE, "orders_note_key", "orders_note_uniq")));
    assertLocks(using, "public.orders", ACCESS_EXCLUSIVE, "public.orders_note_uniq", ACCESS_EXCLUSIVE);
    assertFacts(using, false, false, true);

    StatementFacts pkUsing = run(v, c, addConstraint("ALTER TABLE orders ADD CONSTRAINT orders_note_pk PRIMARY KEY USING INDEX orders_note_uniq",
        usingIndex(ConstraintType.PRIMARY_KEY, "orders_note_pk", "orders_note_uniq")));
    assertTrue(pkUsing.scan(), "note is nullable: PRIMARY KEY sets NOT NULL with a scan");
  }

  // ------------------------------------------------------------------ simple sub-commands

  static StatementFacts sub(int v, ActionKind kind, String raw, String column) {
    return run(v, alter("ALTER TABLE orders " + raw, "orders", action(kind, raw).column(column).build()));
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void catalogOnlySubCommandsTakeTheDocumentedLock(int v) {
    Object[][] rows = {
        {ActionKind.SET_DEFAULT, "ALTER COLUMN status SET DEFAULT 'new'", "status", ACCESS_EXCLUSIVE},
        {ActionKind.DROP_DEFAULT, "ALTER COLUMN status DROP DEFAULT", "status", ACCESS_EXCLUSIVE},
        {ActionKind.DROP_NOT_NULL, "ALTER COLUMN id DROP NOT NULL", "id", ACCESS_EXCLUSIVE},
        {ActionKind.DROP_COLUMN, "DROP COLUMN note", "note", ACCESS_EXCLUSIVE},
        {ActionKind.RENAME_COLUMN, "RENAME COLUMN note TO remark", null, ACCESS_EXCLUSIVE},
        {ActionKind.RENAME_TABLE, "RENAME TO purchase_orders", null, ACCESS_EXCLUSIVE},
        {ActionKind.SET_STATISTICS, "ALTER COLUMN status SET STATISTICS 500", "status", SHARE_UPDATE_EXCLUSIVE},
        {ActionKind.SET_STORAGE, "ALTER COLUMN note SET STORAGE EXTERNAL", "note", ACCESS_EXCLUSIVE},
        {ActionKind.SET_OPTIONS, "SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01)", null, SHARE_UPDATE_EXCLUSIVE},
        {ActionKind.SET_OPTIONS, "ALTER COLUMN status SET (n_distinct = 100)", "status", SHARE_UPDATE_EXCLUSIVE},
        {ActionKind.RESET_OPTIONS, "RESET (fillfactor)", null, SHARE_UPDATE_EXCLUSIVE},
        {ActionKind.SET_OPTIONS, "SET (user_catalog_table = true)", null, ACCESS_EXCLUSIVE},
        {ActionKind.ENABLE_TRIGGER, "ENABLE TRIGGER orders_audit", null, SHARE_ROW_EXCLUSIVE},
        {ActionKind.DISABLE_TRIGGER, "DISABLE TRIGGER ALL", null, SHARE_ROW_EXCLUSIVE},
        {ActionKind.CLUSTER_ON, "CLUSTER ON orders_status_idx", null, SHARE_UPDATE_EXCLUSIVE},
        {ActionKind.SET_WITHOUT_CLUSTER, "SET WITHOUT CLUSTER", null, SHARE_UPDATE_EXCLUSIVE},
        {ActionKind.ADD_IDENTITY, "ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY", "id", ACCESS_EXCLUSIVE},
        {ActionKind.DROP_IDENTITY, "ALTER COLUMN id DROP IDENTITY IF EXISTS", "id", ACCESS_EXCLUSIVE},
        {ActionKind.DROP_EXPRESSION, "ALTER COLUMN total DROP EXPRESSION", "total", ACCESS_EXCLUSIVE},
        {ActionKind.REPLICA_IDENTITY, "REPLICA IDENTITY FULL", null, ACCESS_EXCLUSIVE},
        {ActionKind.ENABLE_ROW_LEVEL_SECURITY, "ENABLE ROW LEVEL SECURITY", null, ACCESS_EXCLUSIVE},
        {ActionKind.OWNER_TO, "OWNER TO app", null, ACCESS_EXCLUSIVE},
        {ActionKind.SET_SCHEMA, "SET SCHEMA archive", null, ACCESS_EXCLUSIVE},
    };
    for (Object[] row : rows) {
      StatementFacts f = sub(v, (ActionKind) row[0], (String) row[1], (String) row[2]);
      assertLocks(f, "public.orders", row[3]);
      assertFacts(f, false, false, true);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void storageChangesRewrite(int v) {
    for (Object[] row : new Object[][] {
        {ActionKind.SET_LOGGED, "SET LOGGED"},
        {ActionKind.SET_UNLOGGED, "SET UNLOGGED"},
        {ActionKind.SET_TABLESPACE, "SET TABLESPACE fast_ssd"}}) {
      StatementFacts f = sub(v, (ActionKind) row[0], (String) row[1], null);
      assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
      assertFacts(f, true, false, true);
    }
    StatementFacts am = sub(v, ActionKind.SET_ACCESS_METHOD, "SET ACCESS METHOD heap", null);
    assertTrue(am.rewrite());
    assertEquals(v < 15, am.versionError() != null, "SET ACCESS METHOD is PostgreSQL 15+");
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void setExpressionIsPg17AndRewritesStoredColumns(int v) {
    StatementFacts f = run(v, alter("ALTER TABLE orders ALTER COLUMN total SET EXPRESSION AS (amount * 3)", "orders",
        action(ActionKind.SET_EXPRESSION, "ALTER COLUMN total SET EXPRESSION AS (amount * 3)").column("total")
            .expression("amount * 3").build()));
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
    if (v < 17) {
      assertNotNull(f.versionError());
    } else {
      assertFacts(f, true, false, true);
    }
  }

  @Test
  void setExpressionOnVirtualColumnDoesNotRewriteOn18() {
    Catalog c = base();
    c.apply(alter("ALTER TABLE orders ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL", "orders",
        addColumn("ADD COLUMN half numeric GENERATED ALWAYS AS (amount / 2) VIRTUAL", "half", type("numeric"), false,
            null, Volatility.NONE, Generated.VIRTUAL)));
    StatementFacts f = run(18, c, alter("ALTER TABLE orders ALTER COLUMN half SET EXPRESSION AS (amount / 3)", "orders",
        action(ActionKind.SET_EXPRESSION, "ALTER COLUMN half SET EXPRESSION AS (amount / 3)").column("half")
            .expression("amount / 3").build()));
    assertFacts(f, false, false, true);
  }

  // ------------------------------------------------------------------ partitions

  static Catalog partitioned() {
    Catalog c = base();
    c.apply(createTable("CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)", "events",
        List.of(col("id", type("int4")), col("at", type("date"))), List.of(), Flag.PARTITIONED));
    c.apply(partitionOf("CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "events_2024", "events"));
    c.apply(createTable("CREATE TABLE events_2025 (id int, at date)", "events_2025",
        col("id", type("int4")), col("at", type("date"))));
    return c;
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void attachAndDetachPartition(int v) {
    Catalog c = partitioned();
    StatementFacts attach = run(v, c, alter("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "events", action(ActionKind.ATTACH_PARTITION, "ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
            .name("events_2025").expression("FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')").build()));
    assertLocks(attach, "public.events", SHARE_UPDATE_EXCLUSIVE, "public.events_2025", ACCESS_EXCLUSIVE);
    assertFacts(attach, false, true, true);

    StatementFacts detach = run(v, c, alter("ALTER TABLE events DETACH PARTITION events_2024", "events",
        action(ActionKind.DETACH_PARTITION, "DETACH PARTITION events_2024").name("events_2024").build()));
    assertLocks(detach, "public.events", ACCESS_EXCLUSIVE, "public.events_2024", ACCESS_EXCLUSIVE);
    assertFacts(detach, false, false, true);

    StatementFacts concurrently = run(v, c, alter("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY", "events",
        action(ActionKind.DETACH_PARTITION, "DETACH PARTITION events_2024 CONCURRENTLY").name("events_2024")
            .concurrently(true).build()));
    // ALTER TABLE docs: the second transaction takes ACCESS EXCLUSIVE on the partition.
    assertLocks(concurrently, "public.events", SHARE_UPDATE_EXCLUSIVE, "public.events_2024", ACCESS_EXCLUSIVE);
    assertFacts(concurrently, false, false, false);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void createPartitionLocksTheParentAccessExclusive(int v) {
    Catalog c = partitioned();
    StatementFacts f = run(v, c, partitionOf(
        "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", "events_2026", "events"));
    assertLocks(f, "public.events_2026", ACCESS_EXCLUSIVE, "public.events", ACCESS_EXCLUSIVE);
    assertEquals(List.of("public.events_2026"), f.newRelations());
    assertFacts(f, false, false, true);
  }

  @Test
  void alterTableOnAPartitionedTableRecursesToItsPartitions() {
    StatementFacts f = run(16, partitioned(), alter("ALTER TABLE events ADD COLUMN note text", "events",
        addColumn("ADD COLUMN note text", "note", type("text"), false, null, Volatility.NONE, Generated.NONE)));
    assertLocks(f, "public.events", ACCESS_EXCLUSIVE, "public.events_2024", ACCESS_EXCLUSIVE);
  }

  @Test
  void droppingAPartitionLocksItsParent() {
    StatementFacts f = run(16, partitioned(), simple("DROP TABLE events_2024", StatementKind.DROP_TABLE, "events_2024"));
    assertLocks(f, "public.events_2024", ACCESS_EXCLUSIVE, "public.events", ACCESS_EXCLUSIVE);
    StatementFacts parent = run(16, partitioned(), simple("DROP TABLE events", StatementKind.DROP_TABLE, "events"));
    assertLocks(parent, "public.events", ACCESS_EXCLUSIVE, "public.events_2024", ACCESS_EXCLUSIVE);
  }

  @Test
  void foreignKeyOnAPartitionedTableIsAssumedAccessExclusive() {
    StatementFacts f = run(16, partitioned(), alter("ALTER TABLE events ADD FOREIGN KEY (id) REFERENCES customers",
        "events", action(ActionKind.ADD_CONSTRAINT, "ADD FOREIGN KEY (id) REFERENCES customers")
            .constraint(fk(null, "customers", true, "id")).build()));
    assertLocks(f, "public.events", ACCESS_EXCLUSIVE, "public.customers", SHARE_ROW_EXCLUSIVE,
        "public.events_2024", ACCESS_EXCLUSIVE);
    assertTrue(noted(f, "unsure"));
  }

  // ------------------------------------------------------------------ multi-action

  @Test
  void multiActionTakesTheStrongestLockAndAnyRewriteOrScan() {
    StatementFacts f = run(16, alter("ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500, ADD COLUMN token uuid"
        + " DEFAULT gen_random_uuid(), VALIDATE CONSTRAINT orders_customer_id_fkey", "orders",
        action(ActionKind.SET_STATISTICS, "ALTER COLUMN status SET STATISTICS 500").column("status").build(),
        addColumn("ADD COLUMN token uuid DEFAULT gen_random_uuid()", "token", type("uuid"), false, "gen_random_uuid()",
            Volatility.VOLATILE, Generated.NONE),
        action(ActionKind.VALIDATE_CONSTRAINT, "VALIDATE CONSTRAINT orders_customer_id_fkey")
            .name("orders_customer_id_fkey").build()));
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE);
    assertTrue(f.rewrite());
    assertTrue(noted(f, "strongest"));

    StatementFacts weak = run(16, alter("ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500, SET (fillfactor = 80)",
        "orders", action(ActionKind.SET_STATISTICS, "ALTER COLUMN status SET STATISTICS 500").column("status").build(),
        action(ActionKind.SET_OPTIONS, "SET (fillfactor = 80)").build()));
    assertLocks(weak, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertFacts(weak, false, false, true);
  }

  // ------------------------------------------------------------------ indexes

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void createIndexBlocksWritesUnlessConcurrently(int v) {
    StatementFacts plain = run(v, createIndex("CREATE INDEX orders_created_idx ON orders (created_at)",
        "orders_created_idx", "orders", false, Set.of(), "created_at"));
    assertLocks(plain, "public.orders", SHARE, "public.orders_created_idx", ACCESS_EXCLUSIVE);
    assertEquals(List.of("public.orders_created_idx"), plain.newRelations());
    assertEquals(SHARE, plain.strongestLockOnExisting());
    assertFacts(plain, false, true, true);

    StatementFacts conc = run(v, createIndex("CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at)",
        "orders_created_idx", "orders", false, Set.of(Flag.CONCURRENTLY), "created_at"));
    assertLocks(conc, "public.orders", SHARE_UPDATE_EXCLUSIVE, "public.orders_created_idx", ACCESS_EXCLUSIVE);
    assertFacts(conc, false, true, false);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void dropIndexLocksTableAndIndex(int v) {
    StatementFacts plain = run(v, simple("DROP INDEX orders_status_idx", StatementKind.DROP_INDEX, "orders_status_idx"));
    assertLocks(plain, "public.orders", ACCESS_EXCLUSIVE, "public.orders_status_idx", ACCESS_EXCLUSIVE);
    assertFacts(plain, false, false, true);

    StatementFacts conc = run(v, simple("DROP INDEX CONCURRENTLY orders_status_idx", StatementKind.DROP_INDEX,
        "orders_status_idx", Flag.CONCURRENTLY));
    assertLocks(conc, "public.orders", SHARE_UPDATE_EXCLUSIVE, "public.orders_status_idx", ACCESS_EXCLUSIVE);
    assertFacts(conc, false, false, false);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void reindex(int v) {
    StatementFacts idx = run(v, withAttributes("REINDEX INDEX orders_status_idx", StatementKind.REINDEX,
        "orders_status_idx", attrs("reindex_scope", "index")));
    assertLocks(idx, "public.orders", SHARE, "public.orders_status_idx", ACCESS_EXCLUSIVE);
    assertFacts(idx, false, true, true);

    StatementFacts conc = run(v, withAttributes("REINDEX INDEX CONCURRENTLY orders_status_idx", StatementKind.REINDEX,
        "orders_status_idx", attrs("reindex_scope", "index"), Flag.CONCURRENTLY));
    assertLocks(conc, "public.orders", SHARE_UPDATE_EXCLUSIVE, "public.orders_status_idx", SHARE_UPDATE_EXCLUSIVE);
    assertFacts(conc, false, true, false);

    StatementFacts table = run(v, withAttributes("REINDEX TABLE orders", StatementKind.REINDEX, "orders",
        attrs("reindex_scope", "table")));
    assertLocks(table, "public.orders", SHARE, "public.orders_pkey", ACCESS_EXCLUSIVE,
        "public.orders_status_idx", ACCESS_EXCLUSIVE);
    assertFacts(table, false, true, true);

    for (String scope : List.of("schema", "database", "system")) {
      StatementFacts wide = run(v, withAttributes("REINDEX " + scope.toUpperCase() + " x", StatementKind.REINDEX, "x",
          attrs("reindex_scope", scope)));
      assertFalse(wide.transactional(), scope);
    }
  }

  @Test
  void alterIndexRenameTakesShareUpdateExclusive() {
    StatementFacts f = run(16, stmt("ALTER INDEX orders_status_idx RENAME TO orders_state_idx", StatementKind.ALTER_INDEX,
        "orders_status_idx", List.of("orders_status_idx"),
        List.of(action(ActionKind.RENAME_TABLE, "RENAME TO orders_state_idx").newName("orders_state_idx").build()), null,
        Set.of(), Map.of()));
    assertLocks(f, "public.orders_status_idx", SHARE_UPDATE_EXCLUSIVE);
  }

  // ------------------------------------------------------------------ other statements

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void maintenanceStatements(int v) {
    StatementFacts refresh = run(v, simple("REFRESH MATERIALIZED VIEW order_totals", StatementKind.REFRESH_MATERIALIZED_VIEW,
        "order_totals"));
    assertLocks(refresh, "public.order_totals", ACCESS_EXCLUSIVE);
    StatementFacts refreshConc = run(v, simple("REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals",
        StatementKind.REFRESH_MATERIALIZED_VIEW, "order_totals", Flag.CONCURRENTLY));
    assertLocks(refreshConc, "public.order_totals", EXCLUSIVE);
    assertTrue(refreshConc.transactional());
    assertFalse(run(v, simple("REFRESH MATERIALIZED VIEW order_totals WITH NO DATA",
        StatementKind.REFRESH_MATERIALIZED_VIEW, "order_totals", Flag.WITH_NO_DATA)).scan());

    StatementFacts vacuum = run(v, simple("VACUUM orders", StatementKind.VACUUM, "orders"));
    assertLocks(vacuum, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertFacts(vacuum, false, false, false);
    StatementFacts full = run(v, simple("VACUUM FULL orders", StatementKind.VACUUM, "orders", Flag.FULL));
    assertLocks(full, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(full, true, false, false);

    StatementFacts cluster = run(v, simple("CLUSTER orders USING orders_status_idx", StatementKind.CLUSTER, "orders"));
    assertLocks(cluster, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(cluster, true, false, true);

    StatementFacts truncate = run(v, simple("TRUNCATE orders", StatementKind.TRUNCATE, "orders"));
    assertLocks(truncate, "public.orders", ACCESS_EXCLUSIVE);
    assertFacts(truncate, false, false, true);

    StatementFacts analyze = run(v, simple("ANALYZE orders", StatementKind.ANALYZE, "orders"));
    assertLocks(analyze, "public.orders", SHARE_UPDATE_EXCLUSIVE);
    assertTrue(analyze.transactional());
  }

  @Test
  void truncateWithCascadeLocksReferencingTables() {
    StatementFacts f = run(16, simple("TRUNCATE customers CASCADE", StatementKind.TRUNCATE, "customers", Flag.CASCADE));
    assertLocks(f, "public.customers", ACCESS_EXCLUSIVE, "public.orders", ACCESS_EXCLUSIVE);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void dropTableLocksTheTablesItsForeignKeysReference(int v) {
    StatementFacts f = run(v, simple("DROP TABLE orders", StatementKind.DROP_TABLE, "orders"));
    assertLocks(f, "public.orders", ACCESS_EXCLUSIVE, "public.customers", ACCESS_EXCLUSIVE);
    StatementFacts referenced = run(v, simple("DROP TABLE customers", StatementKind.DROP_TABLE, "customers"));
    assertTrue(noted(referenced, "fails without CASCADE"), referenced.notes().toString());
  }

  @Test
  void lockTableTakesTheNamedMode() {
    for (Object[] row : new Object[][] {
        {"SHARE ROW EXCLUSIVE", SHARE_ROW_EXCLUSIVE}, {"access exclusive", ACCESS_EXCLUSIVE},
        {"ROW EXCLUSIVE", ROW_EXCLUSIVE}, {"SHARE", SHARE}, {"ACCESS SHARE", ACCESS_SHARE}}) {
      StatementFacts f = run(16, withAttributes("LOCK TABLE orders IN " + row[0] + " MODE", StatementKind.LOCK_TABLE, "orders",
          attrs("lock_mode", (String) row[0])));
      assertLocks(f, "public.orders", row[1]);
    }
    StatementFacts bare = run(16, simple("LOCK TABLE orders", StatementKind.LOCK_TABLE, "orders"));
    assertLocks(bare, "public.orders", ACCESS_EXCLUSIVE);
  }

  @Test
  void createTriggerTakesShareRowExclusive() {
    StatementFacts f = run(16, stmt("CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
        StatementKind.CREATE_TRIGGER, "orders", List.of("orders"), List.of(), null, Set.of(), Map.of()));
    assertLocks(f, "public.orders", SHARE_ROW_EXCLUSIVE);
    assertFalse(f.strongestLockOnExisting().blocksReads());
    assertTrue(f.strongestLockOnExisting().blocksWrites());
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void alterTypeAddValueIsTransactionalWithANote(int v) {
    StatementFacts f = run(v, stmt("ALTER TYPE mood ADD VALUE 'ok'", StatementKind.ALTER_TYPE, "mood", List.of(),
        List.of(action(ActionKind.ADD_ENUM_VALUE, "ADD VALUE 'ok'").newName("ok").build()), null, Set.of(), Map.of()));
    assertLocks(f);
    assertFacts(f, false, false, true);
    assertTrue(noted(f, "cannot be used until"));
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void dml(int v) {
    StatementFacts insert = run(v, simple("INSERT INTO orders (id) VALUES (1)", StatementKind.INSERT, "orders"));
    assertLocks(insert, "public.orders", ROW_EXCLUSIVE);
    assertFacts(insert, false, false, true);
    StatementFacts update = run(v, simple("UPDATE orders SET status = 'x'", StatementKind.UPDATE, "orders"));
    assertLocks(update, "public.orders", ROW_EXCLUSIVE);
    assertFacts(update, false, true, true);
    StatementFacts delete = run(v, simple("DELETE FROM orders WHERE id < 100", StatementKind.DELETE, "orders", Flag.HAS_WHERE));
    assertFacts(delete, false, false, true);
    StatementFacts insertSelect = run(v, stmt("INSERT INTO orders SELECT * FROM customers", StatementKind.INSERT_SELECT,
        "orders", List.of("orders", "customers"), List.of(), null, Set.of(), Map.of()));
    assertLocks(insertSelect, "public.orders", ROW_EXCLUSIVE, "public.customers", ACCESS_SHARE);
    StatementFacts select = run(v, simple("SELECT count(*) FROM orders", StatementKind.SELECT, "orders"));
    assertLocks(select, "public.orders", ACCESS_SHARE);
    StatementFacts merge = run(v, stmt("MERGE INTO orders o USING customers c ON o.customer_id = c.id WHEN MATCHED THEN DELETE",
        StatementKind.MERGE, "orders", List.of("orders", "customers"), List.of(), null, Set.of(), Map.of()));
    assertLocks(merge, "public.orders", ROW_EXCLUSIVE, "public.customers", ACCESS_SHARE);
    assertEquals(v < 15, merge.versionError() != null, "MERGE is PostgreSQL 15+");
  }

  @Test
  void viewsAndSequences() {
    StatementFacts view = run(16, stmt("CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open'",
        StatementKind.CREATE_VIEW, "open_orders", List.of("open_orders", "orders"), List.of(), null, Set.of(), Map.of()));
    assertLocks(view, "public.open_orders", ACCESS_EXCLUSIVE, "public.orders", ACCESS_SHARE);
    assertEquals(List.of("public.open_orders"), view.newRelations());

    Catalog c = base();
    c.apply(view.statement());
    StatementFacts replace = run(16, c, stmt("CREATE OR REPLACE VIEW open_orders AS SELECT * FROM orders",
        StatementKind.CREATE_VIEW, "open_orders", List.of("open_orders", "orders"), List.of(), null,
        Set.of(Flag.OR_REPLACE), Map.of()));
    assertLocks(replace, "public.open_orders", ACCESS_EXCLUSIVE, "public.orders", ACCESS_SHARE);
    assertEquals(List.of(), replace.newRelations());

    assertLocks(run(16, simple("ALTER SEQUENCE invoice_no RESTART WITH 1000", StatementKind.ALTER_SEQUENCE, "invoice_no")),
        "public.invoice_no", SHARE_ROW_EXCLUSIVE);
    assertLocks(run(16, simple("DROP SEQUENCE invoice_no", StatementKind.DROP_SEQUENCE, "invoice_no")),
        "public.invoice_no", ACCESS_EXCLUSIVE);
    assertLocks(run(16, simple("DROP MATERIALIZED VIEW order_totals", StatementKind.DROP_MATERIALIZED_VIEW, "order_totals")),
        "public.order_totals", ACCESS_EXCLUSIVE);
  }

  @ParameterizedTest
  @ValueSource(ints = {14, 15, 16, 17, 18})
  void nullsNotDistinctIsPg15(int v) {
    StatementFacts f = run(v, createIndex("CREATE UNIQUE INDEX orders_note_uniq ON orders (note) NULLS NOT DISTINCT",
        "orders_note_uniq", "orders", true, Set.of(), "note"));
    assertEquals(v < 15, f.versionError() != null);
  }

  @Test
  void relationsCreatedEarlierInThePhaseAreNew() {
    ParsedStatement st = alter("ALTER TABLE fresh ADD COLUMN n int NOT NULL", "fresh",
        addColumn("ADD COLUMN n int NOT NULL", "n", type("int4"), true, null, Volatility.NONE, Generated.NONE));
    StatementFacts f = MODEL.analyze(st, base(), new LockContext(16, "public", Set.of("public.fresh")));
    assertEquals(List.of("public.fresh"), f.newRelations());
    assertNull(f.strongestLockOnExisting());
    assertFalse(noted(f, "fails if the table has rows"));
  }

  @Test
  void configuredDefaultSchemaQualifiesLockedRelations() {
    StatementFacts f = MODEL.analyze(simple("TRUNCATE audit_log", StatementKind.TRUNCATE, "audit_log"), new Catalog("app"),
        new LockContext(16, "app", Set.of()));
    assertLocks(f, "app.audit_log", ACCESS_EXCLUSIVE);
  }

  @Test
  void unsupportedVersionsAreRefusedWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LockContext.of(13));
    assertTrue(e.getMessage().contains("13") && e.getMessage().contains("14"));
    assertThrows(IllegalArgumentException.class, () -> LockContext.of(19));
  }
}
