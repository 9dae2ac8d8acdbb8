package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.NotNullSteps;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.OperationException;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;

/**
 * {@code set-not-null TABLE COLUMN}: a contract-only version (old code may still write NULL until
 * it is gone), verified first (no NULL row left), then CHECK NOT VALID, VALIDATE, SET NOT NULL.
 */
public record SetNotNull(String table, String column) implements Operation {

  @Override
  public String slug() {
    return Sql.name("require", table.replace('.', '_'), column);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    CatalogColumn c = ctx.column(t, column);
    if (c.notNull()) {
      throw new OperationException(t.qualifiedName() + "." + column + " is already NOT NULL");
    }
    String label = ctx.label();
    PhaseText contract =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: "
                    + t.qualifiedName()
                    + "."
                    + column
                    + " NOT NULL. Run it once every running version")
            .header(
                "of the code writes the column (the contract gate checks which versions run); verify.sql first checks")
            .header(
                "that no row is NULL. The validation scans without blocking reads or writes; SET NOT NULL then uses it.");
    NotNullSteps.statements(ctx, t, column, NotNullSteps.checkName(ctx, t, column))
        .forEach(contract::sql);
    String verify =
        Headers.verify(label)
            + "-- Rows where "
            + column
            + " is still NULL:\nSELECT "
            + Sql.idents(ctx.primaryKey(t).map(k -> k.columns()).orElse(java.util.List.of(column)))
            + " FROM "
            + ctx.tableSql(t)
            + " WHERE "
            + Sql.ident(column)
            + " IS NULL LIMIT 10;\n";
    return new Versions()
        .put(VersionFile.CONTRACT, contract.text())
        .put(VersionFile.VERIFY, verify)
        .named(slug());
  }
}
