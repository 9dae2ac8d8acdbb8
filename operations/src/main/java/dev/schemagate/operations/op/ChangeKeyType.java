package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.ColumnChecks;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.IndexCopies;
import dev.schemagate.operations.MultiVersionOperation;
import dev.schemagate.operations.NotNullSteps;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.OperationException;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code change-type TABLE COLUMN TYPE} where the column is the table's one-column primary key,
 * maybe referenced by foreign keys of other tables ({@code orders.id} integer → bigint). Every
 * column involved gets a replacement {@code <column>_new}, filled by a trigger and a batched
 * backfill (one version each: a version holds one backfill); then one version proves the
 * replacements are NOT NULL, builds the new key's unique index concurrently and, after {@code
 * verify.sql}, swaps everything in one short transaction of catalog changes: the foreign keys
 * dropped, the primary key moved to the new index ({@code PRIMARY KEY USING INDEX}), the old
 * columns dropped and the new ones renamed, the sequence moved, the foreign keys added again {@code
 * NOT VALID} with their actions; a last version validates them without blocking writes.
 */
public record ChangeKeyType(String table, String column, String type)
    implements MultiVersionOperation {

  private static final Pattern NEXTVAL =
      Pattern.compile("nextval\\('([^']+)'(?:::regclass)?\\)", Pattern.CASE_INSENSITIVE);
  private static final Set<String> SEQUENCE_TYPES =
      Set.of("smallint", "int2", "integer", "int", "int4", "bigint", "int8");

  /** A foreign key that references the key, with its table. */
  private record Reference(String qualifiedTable, CatalogConstraint key, ShadowedColumn column) {}

  private String slug() {
    return Sql.name("change", table.replace('.', '_'), column, "to", type);
  }

  @Override
  public List<GeneratedVersion> generateAll(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    CatalogColumn old = ctx.column(t, column);
    String where = t.qualifiedName() + "." + column;
    CatalogConstraint pk = ctx.primaryKey(t).orElseThrow();
    if (pk.columns().size() != 1) {
      throw new OperationException(
          "change-type: "
              + where
              + " is part of the primary key "
              + pk.name()
              + " ("
              + String.join(", ", pk.columns())
              + "); only a one-column key is generated (docs/operations.md#not-generated)");
    }
    if (t.partitioned() || t.partitionOf() != null) {
      throw new OperationException(
          "change-type: "
              + where
              + " is the primary key of a partitioned table or partition, so it"
              + " holds the partition key, which PostgreSQL lets no ALTER change or drop; this cannot be done online"
              + " (docs/operations.md#partitioned-tables)");
    }
    String sequence = sequenceOf(ctx, old, where);
    Set<String> handled = new HashSet<>();
    handled.add(pk.name());
    List<Map.Entry<String, CatalogConstraint>> fks =
        ctx.catalog().foreignKeysReferencing(t.qualifiedName()).stream()
            .filter(e -> ColumnChecks.referencedColumns(ctx, t, e.getValue()).contains(column))
            .toList();
    fks.forEach(e -> handled.add(e.getValue().name()));
    ColumnChecks.replaceable(ctx, t, withoutSequence(old), "change-type", handled);
    ShadowedColumn parent = ShadowedColumn.of(ctx, t, old, type, pk.index());
    List<Reference> refs = new ArrayList<>();
    for (Map.Entry<String, CatalogConstraint> e : fks) {
      refs.add(reference(ctx, t, e.getKey(), e.getValue(), refs));
    }

    List<GeneratedVersion> out = new ArrayList<>();
    boolean validates = refs.stream().anyMatch(r -> r.key().validated());
    int total = refs.size() + (validates ? 3 : 2);
    String swapLabel = ctx.label(refs.size() + 1);
    out.add(
        fill(
            ctx,
            parent,
            0,
            total,
            swapLabel,
            slug(),
            refs.isEmpty()
                ? ""
                : " and of the " + refs.size() + " column(s) that reference it, one version each"));
    for (int i = 0; i < refs.size(); i++) {
      Reference r = refs.get(i);
      out.add(
          fill(
              ctx,
              r.column(),
              i + 1,
              total,
              swapLabel,
              Sql.name(slug(), r.column().table().name(), r.column().name()),
              " (it references "
                  + t.qualifiedName()
                  + "."
                  + column
                  + " through "
                  + r.key().name()
                  + ")"));
    }
    out.add(swap(ctx, parent, pk, sequence, refs, refs.size() + 1, total));
    if (validates) {
      out.add(validate(ctx, refs, refs.size() + 2, total));
    }
    return out;
  }

  /**
   * The sequence the column takes its default from (serial), moved to the new column at the swap;
   * null when none.
   */
  private static String sequenceOf(OperationContext ctx, CatalogColumn col, String where) {
    if (col.identity()) {
      throw new OperationException(
          "change-type: "
              + where
              + " is an identity column; moving its identity to the new column"
              + " is not generated (docs/operations.md#not-generated): make it serial-like first or write this change by hand");
    }
    if (col.defaultExpression() == null) {
      return null;
    }
    Matcher m = NEXTVAL.matcher(col.defaultExpression().strip());
    if (!m.matches()) {
      if (col.defaultExpression().toLowerCase().contains("nextval(")) {
        throw new OperationException(
            "change-type: the default of "
                + where
                + " ("
                + col.defaultExpression()
                + ") is not a plain nextval('sequence'); write this change by hand");
      }
      return null;
    }
    return m.group(1);
  }

  private static CatalogColumn withoutSequence(CatalogColumn c) {
    return new CatalogColumn(
        c.name(), c.type(), c.notNull(), null, c.defaultVolatility(), c.generated());
  }

  private Reference reference(
      OperationContext ctx,
      CatalogTable parent,
      String qualified,
      CatalogConstraint fk,
      List<Reference> seen) {
    String what =
        "change-type: foreign key "
            + fk.name()
            + " of "
            + qualified
            + " references "
            + parent.qualifiedName()
            + "."
            + column;
    if (qualified.equals(parent.qualifiedName())) {
      throw new OperationException(
          what
              + " from the same table; a self-reference is not generated (docs/operations.md#not-generated)");
    }
    if (fk.columns().size() != 1) {
      throw new OperationException(
          what
              + " with "
              + fk.columns().size()
              + " columns; only one-column foreign keys are generated");
    }
    CatalogTable rt = ctx.table(qualified);
    if (rt.partitioned() || rt.partitionOf() != null) {
      throw new OperationException(
          what
              + " from a partitioned table; its foreign keys cannot be added NOT VALID, so the swap"
              + " is not generated (docs/operations.md#not-generated)");
    }
    for (Reference r : seen) {
      if (r.qualifiedTable().equals(qualified) && r.column().name().equals(fk.columns().get(0))) {
        throw new OperationException(
            what + ", and so does " + r.key().name() + " on the same column; drop one first");
      }
    }
    CatalogColumn rc = ctx.column(rt, fk.columns().get(0));
    ColumnChecks.replaceable(ctx, rt, rc, "change-type", Set.of(fk.name()));
    for (CatalogConstraint other : rt.constraints()) {
      if (other.type() == dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType.FOREIGN_KEY
          && !other.name().equals(fk.name())
          && other.columns().contains(rc.name())) {
        throw new OperationException(
            what
                + " through "
                + rc.name()
                + ", which foreign key "
                + other.name()
                + " also uses; drop it first");
      }
    }
    if (ctx.primaryKey(rt).map(k -> k.columns().contains(rc.name())).orElse(false)) {
      throw new OperationException(
          what
              + " through "
              + rc.name()
              + ", which is part of "
              + qualified
              + "'s primary key; that is not generated (docs/operations.md#not-generated)");
    }
    return new Reference(qualified, fk, ShadowedColumn.of(ctx, rt, rc, type, null));
  }

  private static String step(int index, int total) {
    return "step " + (index + 1) + " of " + total;
  }

  /**
   * Version N (the key) or N+i (a referencing column): the replacement, its trigger and index
   * copies, the backfill.
   */
  private GeneratedVersion fill(
      OperationContext ctx,
      ShadowedColumn c,
      int index,
      int total,
      String swapLabel,
      String slug,
      String about) {
    String label = ctx.label(index);
    String ts = c.tableSql(ctx);
    PhaseText expand =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: change "
                    + table
                    + "."
                    + column
                    + " to "
                    + type
                    + ", "
                    + step(index, total)
                    + ": "
                    + (index == 0
                        ? "the key itself"
                        : "the referencing column " + c.table().name() + "." + c.name())
                    + about
                    + ".")
            .header(
                "Adds "
                    + c.shadow()
                    + " "
                    + type
                    + " to "
                    + c.table().name()
                    + ", filled from "
                    + c.name()
                    + " by the trigger "
                    + c.sync().triggerName())
            .header(
                "on every write"
                    + (c.indexes().isEmpty()
                        ? "."
                        : ", and builds the column's indexes again on it, concurrently."))
            .header(
                "Code changes nothing: it keeps reading and writing "
                    + c.name()
                    + " until "
                    + swapLabel
                    + "'s contract swaps them.");
    if (!c.indexes().isEmpty()) {
      expand.nonTransactional();
    }
    expand.sql(c.sync().addColumns()).sql(c.sync().createFunction()).sql(c.sync().createTrigger());
    c.indexes().forEach(i -> expand.sql(i.create()));

    PhaseText rollback =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " rollback: undoes the expand; "
                    + c.name()
                    + " was never changed, so nothing is lost.");
    if (!c.indexes().isEmpty()) {
      rollback.nonTransactional();
    }
    rollback.sql(c.sync().dropTrigger()).sql(c.sync().dropFunction());
    c.indexes().forEach(i -> rollback.sql(i.drop()));
    rollback.sql("ALTER TABLE " + ts + " DROP COLUMN IF EXISTS " + Sql.ident(c.shadow()));
    return new Versions()
        .put(VersionFile.EXPAND, expand.text())
        .put(
            VersionFile.BACKFILL,
            Headers.backfill(label, c.name(), c.shadow()) + c.sync().backfill() + ";\n")
        .put(VersionFile.ROLLBACK, rollback.text())
        .named(slug);
  }

  /**
   * The swap version: NOT NULL proven and the new key's index built (expand), verify, the swap
   * (contract).
   */
  private GeneratedVersion swap(
      OperationContext ctx,
      ShadowedColumn parent,
      CatalogConstraint pk,
      String sequence,
      List<Reference> refs,
      int index,
      int total) {
    String label = ctx.label(index);
    String pts = parent.tableSql(ctx);
    String keyIndex =
        ctx.freeRelationName(
            parent.table(), Sql.name(parent.table().name(), parent.shadow(), "key"));
    List<ShadowedColumn> all = new ArrayList<>();
    all.add(parent);
    refs.forEach(r -> all.add(r.column()));

    PhaseText expand =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: change "
                    + table
                    + "."
                    + column
                    + " to "
                    + type
                    + ", "
                    + step(index, total)
                    + ": prove every")
            .header(
                "new column that replaces a NOT NULL one is never NULL (a CHECK validated without blocking writes, so the")
            .header(
                "swap's SET NOT NULL needs no scan), and build the new key's unique index "
                    + keyIndex
                    + " concurrently.");
    PhaseText rollback =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " rollback: undoes the expand (the checks and the new key's index); no data changes.");
    for (ShadowedColumn c : all) {
      if (c.notNullCheck() != null) {
        NotNullSteps.statements(ctx, c.table(), c.shadow(), c.notNullCheck())
            .subList(0, 3)
            .forEach(expand::sql);
        rollback.sql(
            "ALTER TABLE "
                + c.tableSql(ctx)
                + " DROP CONSTRAINT IF EXISTS "
                + Sql.ident(c.notNullCheck()));
      }
    }
    expand.sql(
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "
            + Sql.ident(keyIndex)
            + " ON "
            + pts
            + " ("
            + Sql.ident(parent.shadow())
            + ")");
    rollback.sql(
        "DROP INDEX CONCURRENTLY IF EXISTS " + parent.indexSchema(ctx) + Sql.ident(keyIndex));

    List<String> checks = new ArrayList<>();
    for (ShadowedColumn c : all) {
      checks.addAll(c.sync().verify());
    }

    PhaseText contract =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: the swap, in one short transaction of catalog changes (no scan, no rewrite): the new")
            .header(
                "columns become NOT NULL through their valid checks; the foreign keys are dropped; the primary key "
                    + pk.name())
            .header(
                "moves to "
                    + keyIndex
                    + "; the old columns are dropped and the new ones take their names"
                    + (sequence == null ? "" : "; the sequence " + sequence + " moves"))
            .header(
                "to the new key; the foreign keys are added again NOT VALID with their actions (they hold for every write from")
            .header(
                "now on; the next version validates the rows already there). Code sees the same names before and after.");
    if (!refs.isEmpty()) {
      // All locks in one statement under lock_timeout: the swap gives way to the application's
      // writes
      // (the runner retries it) instead of holding one table while it queues for the next.
      List<String> tables = new ArrayList<>();
      refs.forEach(r -> tables.add(r.column().tableSql(ctx)));
      tables.add(pts);
      contract.sql(
          "-- schemagate:allow lock/exclusive-lock-held reason=\"the key and every column that references it change"
              + " together; one LOCK takes every table under lock_timeout, so the swap gives way and is retried\"\n"
              + "LOCK TABLE "
              + String.join(", ", tables.stream().distinct().toList())
              + " IN ACCESS EXCLUSIVE MODE");
    }
    for (ShadowedColumn c : all) {
      if (c.notNullCheck() != null) {
        contract.sql(
            "ALTER TABLE "
                + c.tableSql(ctx)
                + " ALTER COLUMN "
                + Sql.ident(c.shadow())
                + " SET NOT NULL");
        contract.sql(
            "ALTER TABLE " + c.tableSql(ctx) + " DROP CONSTRAINT " + Sql.ident(c.notNullCheck()));
      }
    }
    for (Reference r : refs) {
      contract.sql(
          "ALTER TABLE "
              + r.column().tableSql(ctx)
              + " DROP CONSTRAINT "
              + Sql.ident(r.key().name()));
    }
    contract.sql(
        (refs.isEmpty()
                ? "-- schemagate:allow lock/exclusive-lock-held reason=\"the lock on "
                    + pk.name()
                    + " is on the key's own index, of the table this transaction already holds\"\n"
                : "")
            + "ALTER TABLE "
            + pts
            + " DROP CONSTRAINT "
            + Sql.ident(pk.name()));
    if (sequence != null) {
      contract.sql("ALTER SEQUENCE " + sequence + " OWNED BY NONE");
    }
    for (ShadowedColumn c : all) {
      String ts = c.tableSql(ctx);
      contract
          .sql(c.sync().dropTrigger().replace(" IF EXISTS", ""))
          .sql(c.sync().dropFunction().replace(" IF EXISTS", ""));
      contract.sql("ALTER TABLE " + ts + " DROP COLUMN " + Sql.ident(c.name()));
      contract.sql(
          "-- schemagate:allow compat/rename-column reason=\"the swap: "
              + c.name()
              + " is dropped and replaced in this"
              + " transaction, so code never sees it missing\"\nALTER TABLE "
              + ts
              + " RENAME COLUMN "
              + Sql.ident(c.shadow())
              + " TO "
              + Sql.ident(c.name()));
    }
    contract.sql(
        "ALTER TABLE "
            + pts
            + " ADD CONSTRAINT "
            + Sql.ident(pk.name())
            + " PRIMARY KEY USING INDEX "
            + Sql.ident(keyIndex));
    if (sequence != null) {
      contract.sql(
          "ALTER TABLE "
              + pts
              + " ALTER COLUMN "
              + Sql.ident(column)
              + " SET DEFAULT nextval("
              + Sql.literal(sequence)
              + "::regclass)");
      if (SEQUENCE_TYPES.contains(type.toLowerCase())) {
        contract.sql("ALTER SEQUENCE " + sequence + " AS " + type);
      }
      contract.sql("ALTER SEQUENCE " + sequence + " OWNED BY " + pts + "." + Sql.ident(column));
    }
    for (ShadowedColumn c : all) {
      if (c != parent && c.column().defaultExpression() != null) {
        contract.sql(
            "ALTER TABLE "
                + c.tableSql(ctx)
                + " ALTER COLUMN "
                + Sql.ident(c.name())
                + " SET DEFAULT ("
                + c.column().defaultExpression()
                + ")::"
                + type);
      }
      for (IndexCopies.Copy i : c.indexes()) {
        contract.sql(
            "ALTER INDEX "
                + c.indexSchema(ctx)
                + Sql.ident(i.name())
                + " RENAME TO "
                + Sql.ident(i.original().name()));
      }
    }
    for (Reference r : refs) {
      contract.sql(
          "ALTER TABLE "
              + r.column().tableSql(ctx)
              + " ADD CONSTRAINT "
              + Sql.ident(r.key().name())
              + " FOREIGN KEY ("
              + Sql.ident(r.column().name())
              + ") REFERENCES "
              + pts
              + " ("
              + Sql.ident(column)
              + ")"
              + r.key().actions().sql()
              + " NOT VALID");
    }
    return new Versions()
        .put(VersionFile.EXPAND, expand.text())
        .put(VersionFile.ROLLBACK, rollback.text())
        .put(VersionFile.VERIFY, Headers.verify(label) + String.join(";\n\n", checks) + ";\n")
        .put(VersionFile.CONTRACT, contract.text())
        .named(Sql.name(slug(), "swap"));
  }

  /**
   * The last version: the foreign keys added again NOT VALID by the swap are validated, without
   * blocking writes.
   */
  private GeneratedVersion validate(
      OperationContext ctx, List<Reference> refs, int index, int total) {
    String label = ctx.label(index);
    PhaseText expand =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: change "
                    + table
                    + "."
                    + column
                    + " to "
                    + type
                    + ", "
                    + step(index, total)
                    + ": validate the")
            .header(
                "foreign keys the swap added again NOT VALID (SHARE UPDATE EXCLUSIVE: reads and writes go on). Nothing to do in code.");
    for (Reference r : refs) {
      if (r.key().validated()) {
        expand.sql(
            "ALTER TABLE "
                + r.column().tableSql(ctx)
                + " VALIDATE CONSTRAINT "
                + Sql.ident(r.key().name()));
      }
    }
    return new Versions()
        .put(VersionFile.EXPAND, expand.text())
        .named(Sql.name(slug(), "validate"));
  }
}
