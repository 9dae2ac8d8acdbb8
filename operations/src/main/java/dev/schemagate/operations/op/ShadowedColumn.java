package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.ColumnSync;
import dev.schemagate.operations.Expr;
import dev.schemagate.operations.IndexCopies;
import dev.schemagate.operations.NotNullSteps;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.Sql;
import java.util.List;

/**
 * One column of a key type change and its replacement: the referenced key column itself, or a
 * column of another table that references it. The replacement {@code <column>_new} is filled one
 * way (old → new, a cast) by a trigger and a backfill, and the column's indexes are copied onto it.
 *
 * @param indexes copies of the column's indexes, without the primary key's (the swap builds that
 *     one)
 * @param notNullCheck the CHECK that proves {@code shadow} is never NULL before the swap, when the
 *     column is NOT NULL (a key always is)
 */
record ShadowedColumn(
    CatalogTable table,
    CatalogColumn column,
    String shadow,
    ColumnSync sync,
    List<IndexCopies.Copy> indexes,
    String notNullCheck) {

  static ShadowedColumn of(
      OperationContext ctx,
      CatalogTable table,
      CatalogColumn column,
      String type,
      String skipIndex) {
    ctx.backfillKey(table);
    String shadow = ctx.freeColumnName(table, Sql.name(column.name(), "new"));
    ColumnSync sync =
        new ColumnSync(
            ctx,
            table,
            List.of(column.name()),
            List.of(new ColumnSync.Target(shadow, type, Expr.cast(column.name(), type))),
            List.of());
    List<IndexCopies.Copy> indexes =
        IndexCopies.of(ctx, table, column.name(), shadow).stream()
            .filter(c -> !c.original().name().equals(skipIndex))
            .toList();
    String check = column.notNull() ? NotNullSteps.checkName(ctx, table, shadow) : null;
    return new ShadowedColumn(table, column, shadow, sync, indexes, check);
  }

  String name() {
    return column.name();
  }

  /** How the generated SQL names the table. */
  String tableSql(OperationContext ctx) {
    return ctx.tableSql(table);
  }

  /** The schema prefix an index name needs in ALTER/DROP INDEX: empty in the default schema. */
  String indexSchema(OperationContext ctx) {
    return table.schema().equals(ctx.catalog().defaultSchema())
        ? ""
        : Sql.ident(table.schema()) + ".";
  }
}
