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
 * {@code rename-table OLD NEW}: rename, and in the same transaction a view with the old name
 * ({@code SELECT *}: automatically updatable, so old code's reads and writes go through it); the
 * contract drops the view. No data moves.
 */
public record RenameTable(String from, String to) implements Operation {

  @Override
  public String slug() {
    return Sql.name("rename", from.replace('.', '_'), "to", to);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(from);
    if (!to.matches("[a-z_][a-z0-9_$]*")) {
      throw new OperationException(
          "rename-table: new name "
              + to
              + " must be a plain lower-case identifier (no schema: the table stays in "
              + t.schema()
              + ")");
    }
    if (ctx.catalog().table(t.schema() + "." + to).isPresent()) {
      throw new OperationException("rename-table: " + t.schema() + "." + to + " already exists");
    }
    if (t.partitionOf() != null) {
      throw new OperationException(
          "rename-table: " + t.qualifiedName() + " is a partition; rename its parent");
    }
    String old = ctx.tableSql(t);
    String schema =
        t.schema().equals(ctx.catalog().defaultSchema()) ? "" : Sql.ident(t.schema()) + ".";
    String renamed = schema + Sql.ident(to);
    String label = ctx.label();
    String expand =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: rename "
                    + t.qualifiedName()
                    + " to "
                    + to
                    + "; a view named "
                    + t.name()
                    + " keeps")
            .header(
                "code deployed now working (a SELECT * view is updatable: its reads and writes go to the table).")
            .header("Deploy code that uses " + to + " before the contract drops the view.")
            .sql("ALTER TABLE " + old + " RENAME TO " + Sql.ident(to))
            .sql("CREATE VIEW " + old + " AS SELECT * FROM " + renamed)
            .text();
    String contract =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: drop the compatibility view "
                    + t.name()
                    + ", once no running code uses that name.")
            .sql("DROP VIEW IF EXISTS " + old)
            .text();
    String rollback =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(label + " rollback: undoes the expand.")
            .sql("DROP VIEW IF EXISTS " + old)
            .sql(
                "-- schemagate:allow compat/rename-table reason=\"undoes the expand's rename: code deployed before it uses "
                    + t.name()
                    + "\"\n"
                    + "ALTER TABLE "
                    + renamed
                    + " RENAME TO "
                    + Sql.ident(t.name()))
            .text();
    return new Versions()
        .put(VersionFile.EXPAND, expand)
        .put(VersionFile.CONTRACT, contract)
        .put(VersionFile.ROLLBACK, rollback)
        .named(slug());
  }
}
