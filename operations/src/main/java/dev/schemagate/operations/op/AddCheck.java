package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.OperationException;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;

/**
 * {@code add-check TABLE NAME EXPR}: a contract-only version (a new rule may reject what code
 * deployed now writes). verify.sql lists the rows that break it, which refuses the contract with
 * them; then the constraint is added NOT VALID (a short lock) and validated without blocking
 * writes.
 */
public record AddCheck(String table, String name, String expression) implements Operation {

  @Override
  public String slug() {
    return Sql.name("check", table.replace('.', '_'), name);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    if (t.constraint(name).isPresent()) {
      throw new OperationException(
          "table " + t.qualifiedName() + " already has a constraint " + name);
    }
    String ts = ctx.tableSql(t);
    String label = ctx.label();
    PhaseText contract =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: CHECK "
                    + name
                    + " on "
                    + t.qualifiedName()
                    + ". Run it once no running code writes")
            .header(
                "rows that break it; verify.sql lists such rows first. NOT VALID takes a short lock; VALIDATE scans")
            .header("without blocking reads or writes.")
            .sql("ALTER TABLE " + ts + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name))
            .sql(
                "ALTER TABLE "
                    + ts
                    + " ADD CONSTRAINT "
                    + Sql.ident(name)
                    + " CHECK ("
                    + expression
                    + ") NOT VALID")
            .sql("ALTER TABLE " + ts + " VALIDATE CONSTRAINT " + Sql.ident(name));
    String key =
        Sql.idents(
            ctx.primaryKey(t)
                .map(k -> k.columns())
                .orElse(java.util.List.copyOf(t.columns().keySet())));
    String verify =
        Headers.verify(label)
            + "-- Rows that break the check (a NULL result passes a CHECK):\nSELECT "
            + key
            + " FROM "
            + ts
            + " WHERE NOT ("
            + expression
            + ") LIMIT 10;\n";
    return new Versions()
        .put(VersionFile.CONTRACT, contract.text())
        .put(VersionFile.VERIFY, verify)
        .named(slug());
  }
}
