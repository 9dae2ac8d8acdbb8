package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.NotNullSteps;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.OperationException;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;
import java.util.List;

/**
 * {@code add-column TABLE COLUMN TYPE [--default EXPR] [--not-null] [--backfill EXPR]}.
 *
 * <p>Without {@code --backfill}, one statement: a default that is not volatile makes ADD COLUMN a
 * catalog change (PostgreSQL 11+), NOT NULL included. With {@code --backfill}, existing rows get
 * EXPR in batches: the column is added without a default (so existing rows stay NULL and the
 * backfill can tell them apart), the default then applies to rows written from then on, and NOT
 * NULL is set at the contract, once the backfill is verified complete.
 */
public record AddColumn(
    String table, String column, String type, String defaultExpr, boolean notNull, String backfill)
    implements Operation {

  @Override
  public String slug() {
    return Sql.name("add", table.replace('.', '_'), column);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    ctx.requireAbsent(t, column);
    if (notNull && defaultExpr == null) {
      throw new OperationException(
          "add-column --not-null needs --default: code deployed now inserts rows without "
              + column
              + " and would fail; or add it nullable and run set-not-null once code always writes it");
    }
    String ts = ctx.tableSql(t);
    String c = Sql.ident(column);
    String label = ctx.label();
    PhaseText expand =
        new PhaseText()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " expand: add "
                    + ts
                    + "."
                    + c
                    + " "
                    + type
                    + ". Code deployed now does not know the column;")
            .header("its inserts get " + (defaultExpr == null ? "NULL" : "the default") + ".");
    Versions v = new Versions();
    if (backfill == null) {
      expand.sql(
          "ALTER TABLE "
              + ts
              + " ADD COLUMN "
              + c
              + " "
              + type
              + (notNull ? " NOT NULL" : "")
              + (defaultExpr == null ? "" : " DEFAULT " + defaultExpr));
      return v.put(VersionFile.EXPAND, expand.text())
          .put(VersionFile.ROLLBACK, rollback(ctx, ts, c, label))
          .named(slug());
    }
    List<String> key = ctx.backfillKey(t);
    expand.header(
        "Existing rows stay NULL until the backfill; rows written from now on get the default.");
    expand.sql("ALTER TABLE " + ts + " ADD COLUMN " + c + " " + type);
    if (defaultExpr != null) {
      expand.sql("ALTER TABLE " + ts + " ALTER COLUMN " + c + " SET DEFAULT " + defaultExpr);
    }
    String keyOption = key.size() == 1 ? key.get(0) : "\"" + String.join(", ", key) + "\"";
    String keySql = key.size() == 1 ? Sql.ident(key.get(0)) : "(" + Sql.idents(key) + ")";
    String tableOption =
        t.schema().equals(ctx.catalog().defaultSchema()) ? t.name() : t.qualifiedName();
    String fill =
        "-- "
            + label
            + " backfill: sets "
            + column
            + " = "
            + backfill
            + " on the rows that existed before the expand,\n"
            + "-- batch by batch; rows that already have a value are left alone, so running it again changes nothing.\n"
            + "-- schemagate:backfill table="
            + tableOption
            + " key="
            + keyOption
            + "\n"
            + "UPDATE "
            + ts
            + "\n   SET "
            + c
            + " = "
            + backfill
            + "\n WHERE "
            + keySql
            + " BETWEEN $1 AND $2\n   AND "
            + c
            + " IS NULL;\n";
    v.put(VersionFile.EXPAND, expand.text())
        .put(VersionFile.BACKFILL, fill)
        .put(VersionFile.ROLLBACK, rollback(ctx, ts, c, label));
    if (notNull) {
      PhaseText contract =
          new PhaseText()
              .nonTransactional()
              .lockTimeout(ctx.phasesSetLockTimeout())
              .header(
                  label
                      + " contract: "
                      + column
                      + " NOT NULL, without a scan under an exclusive lock. Needs every")
              .header("row filled: verify.sql checks that first.");
      NotNullSteps.statements(ctx, t, column, NotNullSteps.checkName(ctx, t, column))
          .forEach(contract::sql);
      v.put(VersionFile.CONTRACT, contract.text());
      v.put(
          VersionFile.VERIFY,
          Headers.verify(label)
              + "-- Rows the backfill has not filled:\nSELECT "
              + Sql.idents(key)
              + " FROM "
              + ts
              + " WHERE "
              + c
              + " IS NULL LIMIT 10;\n");
    }
    return v.named(slug());
  }

  private static String rollback(OperationContext ctx, String ts, String c, String label) {
    return new PhaseText()
        .lockTimeout(ctx.phasesSetLockTimeout())
        .header(
            label
                + " rollback: undoes the expand. Values written to "
                + c
                + " since are lost with it;")
        .header("no code of the previous version used them.")
        .sql("ALTER TABLE " + ts + " DROP COLUMN IF EXISTS " + c)
        .text();
  }
}
