package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;
import java.util.List;

/**
 * {@code add-unique TABLE COLUMN…}: expand builds the unique index concurrently (a duplicate makes
 * the build fail and the runner removes the invalid index); verify.sql lists duplicates and an
 * invalid index; the contract turns the index into a constraint, a catalog change.
 */
public record AddUnique(String table, List<String> columns) implements Operation {

  public AddUnique {
    columns = List.copyOf(columns);
  }

  @Override
  public String slug() {
    return Sql.name("unique", table.replace('.', '_'), String.join("_", columns));
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    columns.forEach(c -> ctx.column(t, c));
    String ts = ctx.tableSql(t);
    String name =
        ctx.freeRelationName(
            t, ctx.freeConstraintName(t, Sql.name(t.name(), String.join("_", columns), "key")));
    String schema =
        t.schema().equals(ctx.catalog().defaultSchema()) ? "" : Sql.ident(t.schema()) + ".";
    String label = ctx.label();
    String cols = Sql.idents(columns);
    String expand =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: a unique index on "
                    + t.qualifiedName()
                    + " ("
                    + String.join(", ", columns)
                    + "), built")
            .header(
                "concurrently: reads and writes go on. From now on a duplicate write fails, for old and new code alike.")
            .sql(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "
                    + Sql.ident(name)
                    + " ON "
                    + ts
                    + " ("
                    + cols
                    + ")")
            .text();
    String rollback =
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(label + " rollback: undoes the expand.")
            .sql("DROP INDEX CONCURRENTLY IF EXISTS " + schema + Sql.ident(name))
            .text();
    String contract =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: the index becomes constraint "
                    + name
                    + " (a catalog change under a short lock).")
            .sql(
                "ALTER TABLE "
                    + ts
                    + " ADD CONSTRAINT "
                    + Sql.ident(name)
                    + " UNIQUE USING INDEX "
                    + Sql.ident(name))
            .text();
    String verify =
        Headers.verify(label)
            + "-- Values held by more than one row:\nSELECT "
            + cols
            + ", count(*) FROM "
            + ts
            + " GROUP BY "
            + cols
            + " HAVING count(*) > 1 LIMIT 10;\n\n-- The index, if its concurrent build failed:\nSELECT indexrelid::regclass AS invalid_index FROM pg_index WHERE indexrelid = "
            + Sql.literal(schema + Sql.ident(name))
            + "::regclass AND NOT indisvalid;\n";
    return new Versions()
        .put(VersionFile.EXPAND, expand)
        .put(VersionFile.ROLLBACK, rollback)
        .put(VersionFile.VERIFY, verify)
        .put(VersionFile.CONTRACT, contract)
        .named(slug());
  }
}
