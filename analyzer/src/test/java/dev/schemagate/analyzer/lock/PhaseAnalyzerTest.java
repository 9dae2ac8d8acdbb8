package dev.schemagate.analyzer.lock;

import static dev.schemagate.analyzer.lock.Stmts.action;
import static dev.schemagate.analyzer.lock.Stmts.alter;
import static dev.schemagate.analyzer.lock.Stmts.col;
import static dev.schemagate.analyzer.lock.Stmts.createIndex;
import static dev.schemagate.analyzer.lock.Stmts.createTable;
import static dev.schemagate.analyzer.lock.Stmts.fk;
import static dev.schemagate.analyzer.lock.Stmts.name;
import static dev.schemagate.analyzer.lock.Stmts.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef.Generated;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhaseAnalyzerTest {

  /**
   * expand.sql:
   * <pre>
   * CREATE TABLE shipments (id bigint, order_id bigint NOT NULL);
   * CREATE INDEX shipments_order_idx ON shipments (order_id);
   * ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders NOT VALID;
   * ALTER TABLE orders ADD COLUMN carrier_id bigint REFERENCES customers;
   * CREATE INDEX CONCURRENTLY orders_status_idx2 ON orders (status);
   * </pre>
   */
  @Test
  void tracksNewRelationsAndTheCatalogAcrossTheFile() {
    Catalog start = LockModelTest.base();
    ConstraintDef shipFk = fk("shipments_order_fk", "orders", true, "order_id");
    ConstraintDef carrierFk = fk(null, "customers", false);
    AlterAction addCarrier = action(ActionKind.ADD_COLUMN, "ADD COLUMN carrier_id bigint REFERENCES customers")
        .columnDef(col("carrier_id", type("int8"), false, null, Volatility.NONE, Generated.NONE, carrierFk)).build();
    List<ParsedStatement> file = List.of(
        createTable("CREATE TABLE shipments (id bigint, order_id bigint NOT NULL)", "shipments",
            col("id", type("int8")), col("order_id", type("int8"), true, null, Volatility.NONE, Generated.NONE)),
        createIndex("CREATE INDEX shipments_order_idx ON shipments (order_id)", "shipments_order_idx", "shipments",
            false, Set.of(), "order_id"),
        alter("ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders NOT VALID",
            "shipments", action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id)"
                + " REFERENCES orders NOT VALID").constraint(shipFk).build()),
        alter("ALTER TABLE orders ADD COLUMN carrier_id bigint REFERENCES customers", "orders", addCarrier),
        createIndex("CREATE INDEX CONCURRENTLY orders_status_idx2 ON orders (status)", "orders_status_idx2", "orders",
            false, Set.of(Flag.CONCURRENTLY), "status"));

    PhaseAnalyzer.Result result = new PhaseAnalyzer(17).run(file, start);
    List<StatementFacts> facts = result.facts();
    assertEquals(5, facts.size());

    assertEquals(List.of("public.shipments"), facts.get(0).newRelations());
    assertEquals(List.of("public.shipments", "public.shipments_order_idx"), facts.get(1).newRelations());
    assertNull(facts.get(1).strongestLockOnExisting(), "an index on a table of this file blocks nobody");
    assertEquals(List.of("public.shipments"), facts.get(2).newRelations());
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, facts.get(2).strongestLockOnExisting(), "orders is not new");
    assertEquals(List.of(), facts.get(3).newRelations());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, facts.get(3).strongestLockOnExisting());

    assertEquals(Set.of("public.shipments", "public.shipments_order_idx", "public.orders_status_idx2"),
        result.createdRelations());
    assertEquals(RelationKind.TABLE, result.after().kindOf(name("shipments")));
    assertEquals(RelationKind.UNKNOWN, start.kindOf(name("shipments")), "the starting catalog is not modified");

    assertEquals(Boolean.TRUE, result.fkColumnsIndexed(file.get(2), shipFk));
    assertEquals(Boolean.FALSE, result.fkColumnsIndexed(file.get(3), addCarrier));
    assertNull(result.fkColumnsIndexed(file.get(4), (ConstraintDef) null));
  }

  /** An index created after the foreign key, later in the same file, still counts. */
  @Test
  void foreignKeyIndexedLaterInTheFileCounts() {
    ConstraintDef carrierFk = fk("orders_carrier_fk", "customers", true, "carrier_id");
    ParsedStatement addFk = alter("ALTER TABLE orders ADD CONSTRAINT orders_carrier_fk FOREIGN KEY (carrier_id)"
        + " REFERENCES customers NOT VALID", "orders", action(ActionKind.ADD_CONSTRAINT, "ADD CONSTRAINT …")
        .constraint(carrierFk).build());
    List<ParsedStatement> file = List.of(
        alter("ALTER TABLE orders ADD COLUMN carrier_id bigint", "orders",
            action(ActionKind.ADD_COLUMN, "ADD COLUMN carrier_id bigint").columnDef(col("carrier_id", type("int8"))).build()),
        addFk,
        createIndex("CREATE INDEX CONCURRENTLY orders_carrier_idx ON orders (carrier_id, created_at)", "orders_carrier_idx",
            "orders", false, Set.of(Flag.CONCURRENTLY), "carrier_id", "created_at"));
    PhaseAnalyzer.Result result = new PhaseAnalyzer(16).run(file, LockModelTest.base());
    assertTrue(result.fkColumnsIndexed(addFk, carrierFk));
    PhaseAnalyzer.Result without = new PhaseAnalyzer(16).run(file.subList(0, 2), LockModelTest.base());
    assertFalse(without.fkColumnsIndexed(addFk, carrierFk));
  }

  /** CREATE TABLE tmp_orders …; ALTER TABLE tmp_orders RENAME TO orders_v2; ALTER TABLE orders_v2 ADD COLUMN … NOT NULL. */
  @Test
  void aNewTableStaysNewAfterARename() {
    List<ParsedStatement> file = List.of(
        createTable("CREATE TABLE tmp_orders (id bigint)", "tmp_orders", col("id", type("int8"))),
        alter("ALTER TABLE tmp_orders RENAME TO orders_v2", "tmp_orders",
            action(ActionKind.RENAME_TABLE, "RENAME TO orders_v2").newName("orders_v2").build()),
        alter("ALTER TABLE orders_v2 ADD COLUMN region text NOT NULL", "orders_v2",
            action(ActionKind.ADD_COLUMN, "ADD COLUMN region text NOT NULL")
                .columnDef(col("region", type("text"), true, null, Volatility.NONE, Generated.NONE)).build()));
    PhaseAnalyzer.Result result = new PhaseAnalyzer(15).run(file, new Catalog());
    assertEquals(List.of("public.orders_v2"), result.facts().get(2).newRelations());
    assertNull(result.facts().get(2).strongestLockOnExisting());
  }

  @Test
  void refusesVersionsOutsideTheModel() {
    assertThrows(IllegalArgumentException.class, () -> new PhaseAnalyzer(12));
  }
}
