package dev.schemagate.operations;

import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes of an old column built again on its replacement, concurrently, so queries of new code
 * find them during the window and nothing is lost when the contract drops the old column. Only
 * plain column indexes are copied; an expression or partial index on the column is refused (its
 * text is not kept in the replayed catalog).
 */
public final class IndexCopies {

  /** One index to build: the original and the copy's name and statement. */
  public record Copy(CatalogIndex original, String name, String create, String drop) {}

  private IndexCopies() {}

  public static List<Copy> of(
      OperationContext ctx, CatalogTable table, String oldColumn, String newColumn) {
    List<Copy> out = new ArrayList<>();
    for (CatalogIndex index : ctx.indexes(table)) {
      if (!index.columns().contains(oldColumn)) {
        continue;
      }
      if (table.partitioned()) {
        throw new OperationException(
            "index "
                + index.qualifiedName()
                + " is on partitioned table "
                + table.qualifiedName()
                + ", where CREATE INDEX CONCURRENTLY is not supported; the per-partition copy (CONCURRENTLY on each partition,"
                + " ATTACH PARTITION to an index made ON ONLY the parent) is not generated yet: write it by hand"
                + " (docs/operations.md#partitioned-tables)");
      }
      if (index.partial()
          || index.columns().stream().anyMatch(c -> !table.columns().containsKey(c))) {
        throw new OperationException(
            "index "
                + index.qualifiedName()
                + " on "
                + table.qualifiedName()
                + " is partial or on an expression; the generator copies plain column indexes only: write this change by hand");
      }
      List<String> cols =
          index.columns().stream().map(c -> c.equals(oldColumn) ? newColumn : c).toList();
      String name =
          ctx.freeRelationName(
              table,
              Sql.name(table.name(), String.join("_", cols), index.unique() ? "key" : "idx"));
      String schema =
          table.schema().equals(ctx.catalog().defaultSchema())
              ? ""
              : Sql.ident(table.schema()) + ".";
      String create =
          "CREATE "
              + (index.unique() ? "UNIQUE " : "")
              + "INDEX CONCURRENTLY IF NOT EXISTS "
              + Sql.ident(name)
              + " ON "
              + ctx.tableSql(table)
              + " ("
              + Sql.idents(cols)
              + ")";
      out.add(
          new Copy(
              index,
              name,
              create,
              "DROP INDEX CONCURRENTLY IF EXISTS " + schema + Sql.ident(name)));
    }
    return out;
  }
}
