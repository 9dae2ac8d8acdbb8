package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.ColumnChecks;
import dev.schemagate.operations.ColumnSync;
import dev.schemagate.operations.Expr;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;
import java.util.List;

/**
 * Split and merge: old columns replaced by new ones with user-written expressions both ways, the
 * two shapes kept in sync by {@link ColumnSync} during the window, the old columns dropped at the
 * contract. NOT NULL and defaults are not carried over (the new columns' rules are the user's to
 * state in a later set-not-null or add-column).
 */
final class ColumnReplacement {

  private ColumnReplacement() {}

  static GeneratedVersion generate(
      OperationContext ctx,
      String slug,
      String table,
      List<String> oldColumns,
      List<ColumnSync.Target> targets,
      List<Expr> down,
      String what) {
    CatalogTable t = ctx.table(table);
    for (String c : oldColumns) {
      CatalogColumn col = ctx.column(t, c);
      ColumnChecks.replaceable(ctx, t, col, what);
    }
    for (ColumnSync.Target target : targets) {
      ctx.requireAbsent(t, target.name());
    }
    ctx.backfillKey(t);
    ColumnSync sync = new ColumnSync(ctx, t, oldColumns, targets, down);
    String ts = ctx.tableSql(t);
    String label = ctx.label();
    String olds = String.join(", ", oldColumns);
    String news = String.join(", ", targets.stream().map(ColumnSync.Target::name).toList());
    String expand =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: "
                    + what
                    + " "
                    + t.qualifiedName()
                    + ": "
                    + olds
                    + " → "
                    + news
                    + ".")
            .header(
                "The trigger "
                    + sync.triggerName()
                    + " keeps both shapes right: code of the old shape writes "
                    + olds
                    + ",")
            .header("code of the new shape writes " + news + ", and each sees the other's writes.")
            .header(
                "Next: the backfill fills the rows written before; then deploy code that uses "
                    + news
                    + ".")
            .sql(sync.addColumns())
            .sql(sync.createFunction())
            .sql(sync.createTrigger())
            .text();
    String contract =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: drop "
                    + olds
                    + ", once no running code uses them (every workload requires")
            .header(
                label
                    + " or later). Each statement commits on its own and the file can be run again.")
            .sql(sync.dropTrigger())
            .sql(sync.dropFunction())
            .sql(
                "ALTER TABLE "
                    + ts
                    + " "
                    + String.join(
                        ", ",
                        oldColumns.stream()
                            .map(c -> "DROP COLUMN IF EXISTS " + Sql.ident(c))
                            .toList()))
            .text();
    String rollback =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " rollback: undoes the expand; "
                    + olds
                    + " were kept up to date by the trigger, so nothing")
            .header("written by either shape is lost.")
            .sql(sync.dropTrigger())
            .sql(sync.dropFunction())
            .sql(
                "ALTER TABLE "
                    + ts
                    + " "
                    + String.join(
                        ", ",
                        targets.stream()
                            .map(c -> "DROP COLUMN IF EXISTS " + Sql.ident(c.name()))
                            .toList()))
            .text();
    List<String> verify = new java.util.ArrayList<>(sync.verify());
    verify.add(1, sync.roundTrip());
    return new Versions()
        .put(VersionFile.EXPAND, expand)
        .put(VersionFile.BACKFILL, Headers.backfill(label, olds, news) + sync.backfill() + ";\n")
        .put(VersionFile.VERIFY, Headers.verify(label) + String.join(";\n\n", verify) + ";\n")
        .put(VersionFile.CONTRACT, contract)
        .put(VersionFile.ROLLBACK, rollback)
        .named(slug);
  }
}
