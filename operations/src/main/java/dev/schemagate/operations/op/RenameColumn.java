package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.operations.ColumnChecks;
import dev.schemagate.operations.ColumnSync;
import dev.schemagate.operations.Expr;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.IndexCopies;
import dev.schemagate.operations.NotNullSteps;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rename-column TABLE OLD NEW}: the new column beside the old one, kept equal by a trigger
 * both ways (old code writes OLD, new code writes NEW), the rows before copied in batches, and at
 * the contract the old column dropped, after NOT NULL, the default, indexes and foreign keys moved.
 */
public record RenameColumn(String table, String from, String to) implements Operation {

  @Override
  public String slug() {
    return Sql.name("rename", table.replace('.', '_'), from, "to", to)
        .replaceAll("[^a-z0-9_]", "_");
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    CatalogColumn old = ctx.column(t, from);
    ctx.requireAbsent(t, to);
    ColumnChecks.replaceable(ctx, t, old, "rename-column");
    ctx.backfillKey(t);
    ColumnSync sync =
        new ColumnSync(
            ctx,
            t,
            List.of(from),
            List.of(new ColumnSync.Target(to, old.type().raw(), Expr.column(from))),
            List.of(Expr.column(to)));
    List<IndexCopies.Copy> indexes = IndexCopies.of(ctx, t, from, to);
    List<CatalogConstraint> foreignKeys =
        t.constraints().stream()
            .filter(c -> c.type() == ConstraintType.FOREIGN_KEY && c.columns().contains(from))
            .toList();
    String where = ctx.tableSql(t) + "." + Sql.ident(from);
    String label = ctx.label();

    PhaseText expand =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: rename "
                    + where
                    + " to "
                    + Sql.ident(to)
                    + " without breaking running code.")
            .header(
                "Adds "
                    + Sql.ident(to)
                    + " beside "
                    + Sql.ident(from)
                    + ", kept equal in both directions by the trigger")
            .header(
                sync.triggerName()
                    + ", so code of the old shape (writes "
                    + from
                    + ") and of the new shape (writes "
                    + to
                    + ")")
            .header(
                "both read and write correctly"
                    + (indexes.isEmpty()
                        ? "."
                        : "; the column's indexes are built again on " + to + "."))
            .header("")
            .header(
                "Next: the backfill copies the rows written before; then deploy code that uses "
                    + to
                    + ".");
    if (!indexes.isEmpty()) {
      expand.nonTransactional();
    }
    expand.sql(sync.addColumns()).sql(sync.createFunction()).sql(sync.createTrigger());
    indexes.forEach(i -> expand.sql(i.create()));

    PhaseText contract =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: drop "
                    + where
                    + ". Run it only once no running code uses "
                    + from)
            .header(
                "(every workload requires "
                    + label
                    + " or later); the runner's contract gate checks that.")
            .header(
                "Each statement commits on its own and the file can be run again after a failure.");
    if (old.notNull()) {
      NotNullSteps.statements(ctx, t, to, NotNullSteps.checkName(ctx, t, to))
          .forEach(contract::sql);
    }
    if (old.defaultExpression() != null) {
      contract.sql(
          "ALTER TABLE "
              + ctx.tableSql(t)
              + " ALTER COLUMN "
              + Sql.ident(to)
              + " SET DEFAULT "
              + old.defaultExpression());
    }
    for (CatalogConstraint fk : foreignKeys) {
      List<String> cols = fk.columns().stream().map(c -> c.equals(from) ? to : c).toList();
      String name = ctx.freeConstraintName(t, Sql.name(t.name(), String.join("_", cols), "fkey"));
      contract.sql(
          "ALTER TABLE " + ctx.tableSql(t) + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name));
      contract.sql(
          "ALTER TABLE "
              + ctx.tableSql(t)
              + " ADD CONSTRAINT "
              + Sql.ident(name)
              + " FOREIGN KEY ("
              + Sql.idents(cols)
              + ") REFERENCES "
              + ctx.tableSql(fk.referencedTable())
              + " ("
              + Sql.idents(fk.referencedColumns())
              + ") NOT VALID");
      contract.sql("ALTER TABLE " + ctx.tableSql(t) + " VALIDATE CONSTRAINT " + Sql.ident(name));
    }
    contract
        .sql(sync.dropTrigger())
        .sql(sync.dropFunction())
        .sql("ALTER TABLE " + ctx.tableSql(t) + " DROP COLUMN IF EXISTS " + Sql.ident(from));

    PhaseText rollback =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " rollback: undoes the expand. "
                    + from
                    + " has been kept up to date by the trigger,")
            .header("so dropping " + to + " loses nothing written by either shape.");
    if (!indexes.isEmpty()) {
      rollback.nonTransactional();
    }
    rollback.sql(sync.dropTrigger()).sql(sync.dropFunction());
    indexes.forEach(i -> rollback.sql(i.drop()));
    rollback.sql("ALTER TABLE " + ctx.tableSql(t) + " DROP COLUMN IF EXISTS " + Sql.ident(to));

    Map<VersionFile, String> files = new EnumMap<>(VersionFile.class);
    files.put(VersionFile.EXPAND, expand.text());
    files.put(VersionFile.BACKFILL, Headers.backfill(label, from, to) + sync.backfill() + ";\n");
    files.put(
        VersionFile.VERIFY, Headers.verify(label) + String.join(";\n\n", sync.verify()) + ";\n");
    files.put(VersionFile.CONTRACT, contract.text());
    files.put(VersionFile.ROLLBACK, rollback.text());
    return new GeneratedVersion(slug(), files);
  }
}
