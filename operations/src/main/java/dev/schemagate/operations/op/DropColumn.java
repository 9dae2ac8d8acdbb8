package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.ColumnChecks;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;

/**
 * {@code drop-column TABLE COLUMN}: a contract-only version, run once no running code reads or
 * writes the column.
 */
public record DropColumn(String table, String column) implements Operation {

  @Override
  public String slug() {
    return Sql.name("drop", table.replace('.', '_'), column);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    CatalogColumn c = ctx.column(t, column);
    ColumnChecks.droppable(ctx, t, c);
    String label = ctx.label();
    String contract =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: drop "
                    + t.qualifiedName()
                    + "."
                    + column
                    + ". Deploy code that neither reads nor writes it")
            .header(
                "first: the contract gate refuses this while a workload requires an earlier version. A catalog change")
            .header("under a short lock; its indexes go with it.")
            .sql("ALTER TABLE " + ctx.tableSql(t) + " DROP COLUMN IF EXISTS " + Sql.ident(column))
            .text();
    return new Versions().put(VersionFile.CONTRACT, contract).named(slug());
  }
}
