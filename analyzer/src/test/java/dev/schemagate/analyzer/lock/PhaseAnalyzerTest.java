package dev.schemagate.analyzer.lock;

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
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhaseAnalyzerTest {

  static Catalog base() {
    return LockModelTest.base();
  }

  @Test
  void tracksNewRelationsAndTheCatalogAcrossTheFile() {
    List<ParsedStatement> file =
        Sql.parse(
            """
        CREATE TABLE shipments (id bigint, order_id bigint NOT NULL);
        CREATE INDEX shipments_order_idx ON shipments (order_id);
        ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders NOT VALID;
        ALTER TABLE orders ADD COLUMN carrier_id bigint REFERENCES customers;
        CREATE INDEX CONCURRENTLY orders_status_idx2 ON orders (status);
        """);
    Catalog start = base();
    PhaseAnalyzer.Result result = new PhaseAnalyzer(17).run(file, start);
    List<StatementFacts> facts = result.facts();
    assertEquals(5, facts.size());

    assertEquals(List.of("public.shipments"), facts.get(0).newRelations());
    assertEquals(
        List.of("public.shipments", "public.shipments_order_idx"), facts.get(1).newRelations());
    assertNull(
        facts.get(1).strongestLockOnExisting(), "an index on a table of this file blocks nobody");
    assertEquals(List.of("public.shipments"), facts.get(2).newRelations());
    assertEquals(
        LockMode.SHARE_ROW_EXCLUSIVE, facts.get(2).strongestLockOnExisting(), "orders is not new");
    assertEquals(List.of(), facts.get(3).newRelations());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, facts.get(3).strongestLockOnExisting());

    assertEquals(
        Set.of("public.shipments", "public.shipments_order_idx", "public.orders_status_idx2"),
        result.createdRelations());
    assertEquals(RelationKind.TABLE, result.after().kindOf(Catalog.parseName("shipments")));
    assertEquals(
        RelationKind.UNKNOWN,
        start.kindOf(Catalog.parseName("shipments")),
        "the starting catalog is unchanged");

    AlterAction addFk = file.get(2).actions().get(0);
    assertEquals(ActionKind.ADD_CONSTRAINT, addFk.kind());
    assertEquals(Boolean.TRUE, result.fkColumnsIndexed(file.get(2), addFk));
    AlterAction addCarrier = file.get(3).actions().get(0);
    assertEquals(Boolean.FALSE, result.fkColumnsIndexed(file.get(3), addCarrier));
    assertNull(result.fkColumnsIndexed(file.get(4), (ConstraintDef) null));
    assertNull(
        result.fkColumnsIndexed(file.get(0), file.get(0).actions().get(0)), "not a foreign key");
  }

  @Test
  void anIndexCreatedLaterInTheFileCounts() {
    String addColumn = "ALTER TABLE orders ADD COLUMN carrier_id bigint;";
    String addFk =
        "ALTER TABLE orders ADD CONSTRAINT orders_carrier_fk FOREIGN KEY (carrier_id) REFERENCES customers NOT VALID;";
    String index =
        "CREATE INDEX CONCURRENTLY orders_carrier_idx ON orders (carrier_id, created_at);";

    List<ParsedStatement> withIndex = Sql.parse(addColumn + addFk + index);
    PhaseAnalyzer.Result result = new PhaseAnalyzer(16).run(withIndex, base());
    assertTrue(result.fkColumnsIndexed(withIndex.get(1), withIndex.get(1).actions().get(0)));

    List<ParsedStatement> without = Sql.parse(addColumn + addFk);
    PhaseAnalyzer.Result noIndex = new PhaseAnalyzer(16).run(without, base());
    assertFalse(noIndex.fkColumnsIndexed(without.get(1), without.get(1).actions().get(0)));

    List<ParsedStatement> wrongOrder =
        Sql.parse(
            addColumn
                + addFk
                + "CREATE INDEX CONCURRENTLY orders_created_carrier_idx ON orders (created_at, carrier_id);");
    PhaseAnalyzer.Result notLeading = new PhaseAnalyzer(16).run(wrongOrder, base());
    assertFalse(
        notLeading.fkColumnsIndexed(wrongOrder.get(1), wrongOrder.get(1).actions().get(0)),
        "carrier_id is not a leading column");
  }

  @Test
  void inlineReferencesInCreateTableAreAnswered() {
    List<ParsedStatement> file =
        Sql.parse(
            """
        CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders,
          customer_id bigint, FOREIGN KEY (customer_id) REFERENCES customers);
        CREATE INDEX payments_customer_idx ON payments (customer_id);
        """);
    PhaseAnalyzer.Result result = new PhaseAnalyzer(16).run(file, base());
    ParsedStatement create = file.get(0);
    Boolean orderIndexed = null;
    Boolean customerIndexed = null;
    for (AlterAction a : create.actions()) {
      Boolean answer = result.fkColumnsIndexed(create, a);
      if (a.kind() == ActionKind.ADD_COLUMN && "order_id".equals(a.column())) {
        orderIndexed = answer;
      } else if (a.kind() == ActionKind.ADD_CONSTRAINT) {
        customerIndexed = answer;
      }
    }
    assertEquals(Boolean.FALSE, orderIndexed);
    assertEquals(Boolean.TRUE, customerIndexed);
  }

  @Test
  void aNewTableStaysNewAfterARename() {
    List<ParsedStatement> file =
        Sql.parse(
            """
        CREATE TABLE tmp_orders (id bigint);
        ALTER TABLE tmp_orders RENAME TO orders_v2;
        ALTER TABLE orders_v2 ADD COLUMN region text NOT NULL;
        """);
    PhaseAnalyzer.Result result = new PhaseAnalyzer(15).run(file, new Catalog());
    assertEquals(List.of("public.orders_v2"), result.facts().get(2).newRelations());
    assertNull(result.facts().get(2).strongestLockOnExisting());
  }

  @Test
  void refusesVersionsOutsideTheModel() {
    assertThrows(IllegalArgumentException.class, () -> new PhaseAnalyzer(12));
  }

  /**
   * The last statement's rewrite after the others of the file (issue 13: the file's own SET
   * timezone).
   */
  private static boolean rewritesLast(String file) {
    List<StatementFacts> facts = new PhaseAnalyzer(17).run(Sql.parse(file), base()).facts();
    return facts.get(facts.size() - 1).rewrite();
  }

  @Test
  void timestampToTimestamptzIsNoRewriteAfterTheFileSetsUtc() {
    String change =
        "ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz USING created_at;\n";
    assertTrue(rewritesLast(change), "the deploying session's zone is unknown");
    for (String set :
        List.of(
            "SET timezone = 'UTC';",
            "SET TIME ZONE 'UTC';",
            "SET TIME ZONE utc;",
            "SET timezone TO 'Etc/UTC';",
            "SET SESSION TIME ZONE 'GMT';",
            "SET TIME ZONE 0;",
            "SET LOCAL timezone = 'UTC';")) {
      assertFalse(rewritesLast(set + "\n" + change), set);
    }
    for (String using :
        List.of(
            "",
            " USING created_at::timestamptz",
            " USING (created_at::timestamp with time zone)",
            " USING CAST(created_at AS timestamptz)")) {
      assertFalse(
          rewritesLast(
              "SET timezone = 'UTC';\nALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz"
                  + using
                  + ";"),
          using);
    }
  }

  @Test
  void timestampToTimestamptzStillRewritesWhenTheZoneIsNotUtcOrNoLongerSet() {
    String change =
        "ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz USING created_at;\n";
    assertTrue(rewritesLast("SET TIME ZONE 'Europe/Berlin';\n" + change), "a zone with DST");
    assertTrue(
        rewritesLast("SET timezone = 'UTC';\nRESET timezone;\n" + change),
        "reset to the unknown default");
    assertTrue(
        rewritesLast("SET timezone = 'UTC';\nRESET ALL;\n" + change),
        "reset to the unknown default");
    assertTrue(
        rewritesLast("SET timezone = 'UTC';\nSET timezone TO DEFAULT;\n" + change),
        "the unknown default");
    assertTrue(
        rewritesLast("BEGIN;\nSET LOCAL timezone = 'UTC';\nCOMMIT;\n" + change),
        "SET LOCAL ended with its transaction");
    assertTrue(
        rewritesLast(
            change
                + "SET timezone = 'UTC';\nALTER TABLE orders ALTER COLUMN created_at TYPE timestamp;\n"
                    .replace(
                        "TYPE timestamp;", "TYPE timestamp USING created_at AT TIME ZONE 'UTC';")),
        "USING another expression");
  }
}
