package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.ColumnChecks;
import dev.schemagate.operations.ColumnSync;
import dev.schemagate.operations.Expr;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code change-type TABLE COLUMN TYPE [--using EXPR]}: all code keeps using the column's name, so
 * the new column is filled one way (old → new) by a trigger and a backfill, and a swap in one short
 * transaction drops the old column and gives the new one its name. Two versions, because the NOT
 * NULL check on the new column must be validated in a transaction of its own before the swap, and
 * one version runs expand → backfill → contract:
 *
 * <ol>
 *   <li>N: expand adds {@code <column>_new}, the trigger and copies of the column's indexes;
 *       backfill fills it;
 *   <li>N+1: expand validates {@code <column>_new IS NOT NULL} (when the column is NOT NULL);
 *       verify checks the backfill is complete; contract swaps.
 * </ol>
 */
public record ChangeType(String table, String column, String type, String using)
    implements MultiVersionOperation {

  private String slug() {
    return Sql.name("change", table.replace('.', '_'), column, "to", type)
        .replaceAll("[^a-z0-9_]", "_")
        .replaceAll("_+", "_")
        .replaceAll("_$", "");
  }

  @Override
  public List<GeneratedVersion> generateAll(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    CatalogColumn old = ctx.column(t, column);
    if (ctx.primaryKey(t).map(k -> k.columns().contains(column)).orElse(false)) {
      if (using != null) {
        throw new OperationException(
            "change-type: "
                + t.qualifiedName()
                + "."
                + column
                + " is a primary key column, which is"
                + " changed by a plain cast so that the referencing columns convert alike; leave out --using");
      }
      return new ChangeKeyType(table, column, type).generateAll(ctx);
    }
    ColumnChecks.replaceable(ctx, t, old, "change-type");
    ctx.backfillKey(t);
    String shadow = ctx.freeColumnName(t, Sql.name(column, "new"));
    Expr up = using == null ? Expr.cast(column, type) : Expr.user("(" + using + ")::" + type);
    ColumnSync sync =
        new ColumnSync(
            ctx, t, List.of(column), List.of(new ColumnSync.Target(shadow, type, up)), List.of());
    List<IndexCopies.Copy> indexes = IndexCopies.of(ctx, t, column, shadow);
    String ts = ctx.tableSql(t);
    String label = ctx.label();
    String swapLabel = ctx.label(1);
    String where = ts + "." + Sql.ident(column);

    PhaseText expand =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: change "
                    + where
                    + " from "
                    + old.type().raw()
                    + " to "
                    + type
                    + ", step 1 of 2.")
            .header(
                "Adds "
                    + shadow
                    + " "
                    + type
                    + ", filled from "
                    + column
                    + " by the trigger "
                    + sync.triggerName()
                    + " on every")
            .header(
                "write"
                    + (indexes.isEmpty()
                        ? "."
                        : ", and builds the column's indexes again on it, concurrently."))
            .header(
                "Code changes nothing: it keeps reading and writing "
                    + column
                    + " until "
                    + swapLabel
                    + "'s contract swaps them.");
    if (!indexes.isEmpty()) {
      expand.nonTransactional();
    }
    expand.sql(sync.addColumns()).sql(sync.createFunction()).sql(sync.createTrigger());
    indexes.forEach(i -> expand.sql(i.create()));

    PhaseText rollback =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " rollback: undoes the expand; "
                    + column
                    + " was never changed, so nothing is lost.");
    if (!indexes.isEmpty()) {
      rollback.nonTransactional();
    }
    rollback.sql(sync.dropTrigger()).sql(sync.dropFunction());
    indexes.forEach(i -> rollback.sql(i.drop()));
    rollback.sql("ALTER TABLE " + ts + " DROP COLUMN IF EXISTS " + Sql.ident(shadow));

    Map<VersionFile, String> first = new EnumMap<>(VersionFile.class);
    first.put(VersionFile.EXPAND, expand.text());
    first.put(
        VersionFile.BACKFILL, Headers.backfill(label, column, shadow) + sync.backfill() + ";\n");
    first.put(VersionFile.ROLLBACK, rollback.text());

    // Version N+1: validate, verify, swap.
    String check = NotNullSteps.checkName(ctx, t, shadow);
    Map<VersionFile, String> second = new EnumMap<>(VersionFile.class);
    if (old.notNull()) {
      List<String> steps = NotNullSteps.statements(ctx, t, shadow, check);
      PhaseText validate =
          new PhaseText()
              .nonTransactional()
              .lockTimeout(ctx.phasesSetLockTimeout())
              .header(
                  swapLabel
                      + " expand: change "
                      + where
                      + " to "
                      + type
                      + ", step 2 of 2: prove "
                      + shadow
                      + " is never NULL")
              .header(
                  "with a CHECK validated without blocking writes, so the swap's SET NOT NULL needs no scan.");
      steps.subList(0, 3).forEach(validate::sql);
      second.put(VersionFile.EXPAND, validate.text());
      second.put(
          VersionFile.ROLLBACK,
          new PhaseText()
              .lockTimeout(ctx.phasesSetLockTimeout())
              .header(swapLabel + " rollback: undoes the expand.")
              .sql("ALTER TABLE " + ts + " DROP CONSTRAINT IF EXISTS " + Sql.ident(check))
              .text());
    }
    second.put(
        VersionFile.VERIFY,
        Headers.verify(swapLabel) + String.join(";\n\n", sync.verify()) + ";\n");
    PhaseText swap =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                swapLabel
                    + " contract: the swap, in one short transaction (catalog changes only, no scan): drop")
            .header(
                column
                    + ", give "
                    + shadow
                    + " its name, NOT NULL, default and index names. Code sees "
                    + column)
            .header("before and after; only its type changes.");
    if (old.notNull()) {
      swap.sql("ALTER TABLE " + ts + " ALTER COLUMN " + Sql.ident(shadow) + " SET NOT NULL");
      swap.sql("ALTER TABLE " + ts + " DROP CONSTRAINT " + Sql.ident(check));
    }
    swap.sql(sync.dropTrigger().replace(" IF EXISTS", ""))
        .sql(sync.dropFunction().replace(" IF EXISTS", ""));
    swap.sql("ALTER TABLE " + ts + " DROP COLUMN " + Sql.ident(column));
    swap.sql(
        "-- schemagate:allow compat/rename-column reason=\"the swap: "
            + column
            + " is dropped and replaced in this"
            + " transaction, so code never sees it missing\"\nALTER TABLE "
            + ts
            + " RENAME COLUMN "
            + Sql.ident(shadow)
            + " TO "
            + Sql.ident(column));
    if (old.defaultExpression() != null) {
      swap.sql(
          "ALTER TABLE "
              + ts
              + " ALTER COLUMN "
              + Sql.ident(column)
              + " SET DEFAULT ("
              + old.defaultExpression()
              + ")::"
              + type);
    }
    String schema =
        t.schema().equals(ctx.catalog().defaultSchema()) ? "" : Sql.ident(t.schema()) + ".";
    for (IndexCopies.Copy i : indexes) {
      swap.sql(
          "ALTER INDEX "
              + schema
              + Sql.ident(i.name())
              + " RENAME TO "
              + Sql.ident(i.original().name()));
    }
    second.put(VersionFile.CONTRACT, swap.text());
    List<GeneratedVersion> out = new ArrayList<>();
    out.add(new GeneratedVersion(slug(), first));
    out.add(new GeneratedVersion(Sql.name(slug(), "swap"), second));
    return out;
  }
}
