package dev.schemagate.operations.op;

import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.OperationException;
import dev.schemagate.operations.PhaseText;
import dev.schemagate.operations.Sql;
import dev.schemagate.operations.VersionFile;
import java.util.List;

/**
 * {@code add-foreign-key TABLE COLUMN REF_TABLE[(REF_COLUMN)]}: expand builds the index the foreign
 * key needs on the referencing column (concurrently) if none starts with it; the contract adds the
 * key NOT VALID and validates it without blocking writes; verify.sql lists orphan rows.
 */
public record AddForeignKey(String table, String column, String reference) implements Operation {

  @Override
  public String slug() {
    return Sql.name("fk", table.replace('.', '_'), column);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    CatalogTable t = ctx.table(table);
    ctx.column(t, column);
    String refTable =
        reference.contains("(")
            ? reference.substring(0, reference.indexOf('(')).strip()
            : reference.strip();
    CatalogTable r = ctx.table(refTable);
    String refColumn;
    if (reference.contains("(")) {
      refColumn =
          reference.substring(reference.indexOf('(') + 1, reference.lastIndexOf(')')).strip();
      ctx.column(r, refColumn);
    } else {
      List<String> pk =
          ctx.primaryKey(r)
              .map(CatalogConstraint::columns)
              .orElseThrow(
                  () ->
                      new OperationException(
                          "table "
                              + r.qualifiedName()
                              + " has no primary key; name the referenced column: "
                              + refTable
                              + "(column)"));
      if (pk.size() != 1) {
        throw new OperationException(
            "the primary key of "
                + r.qualifiedName()
                + " has "
                + pk.size()
                + " columns; a one-column foreign key cannot reference it");
      }
      refColumn = pk.get(0);
    }
    final String referenced = refColumn;
    boolean unique =
        r.constraints().stream()
                .anyMatch(
                    c ->
                        (c.type() == ConstraintType.PRIMARY_KEY
                                || c.type() == ConstraintType.UNIQUE)
                            && c.columns().equals(List.of(referenced)))
            || ctx.indexes(r).stream()
                .anyMatch(
                    i -> i.unique() && !i.partial() && i.columns().equals(List.of(referenced)));
    if (!unique) {
      throw new OperationException(
          r.qualifiedName()
              + "."
              + referenced
              + " has no unique constraint or index; a foreign key needs one (add-unique first)");
    }
    String ts = ctx.tableSql(t);
    String name = ctx.freeConstraintName(t, Sql.name(t.name(), column, "fkey"));
    String label = ctx.label();
    Versions v = new Versions();
    boolean indexed =
        ctx.indexes(t).stream()
            .map(CatalogIndex::columns)
            .anyMatch(c -> !c.isEmpty() && c.get(0).equals(column));
    if (!indexed) {
      String index = ctx.freeRelationName(t, Sql.name(t.name(), column, "idx"));
      String schema =
          t.schema().equals(ctx.catalog().defaultSchema()) ? "" : Sql.ident(t.schema()) + ".";
      v.put(
          VersionFile.EXPAND,
          new PhaseText()
              .nonTransactional()
              .lockTimeout(ctx.phasesSetLockTimeout())
              .header(
                  label
                      + " expand: the index the foreign key needs on "
                      + t.qualifiedName()
                      + "."
                      + column
                      + ", built")
              .header(
                  "concurrently (deletes and key updates on "
                      + r.qualifiedName()
                      + " would otherwise scan "
                      + t.name()
                      + ").")
              .sql(
                  "CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                      + Sql.ident(index)
                      + " ON "
                      + ts
                      + " ("
                      + Sql.ident(column)
                      + ")")
              .text());
      v.put(
          VersionFile.ROLLBACK,
          new PhaseText()
              .nonTransactional()
              .lockTimeout(ctx.phasesSetLockTimeout())
              .header(label + " rollback: undoes the expand.")
              .sql("DROP INDEX CONCURRENTLY IF EXISTS " + schema + Sql.ident(index))
              .text());
    }
    v.put(
        VersionFile.CONTRACT,
        new PhaseText()
            .nonTransactional()
            .lockTimeout(ctx.phasesSetLockTimeout())
            .header(
                label
                    + " contract: foreign key "
                    + name
                    + " from "
                    + t.qualifiedName()
                    + "."
                    + column
                    + " to "
                    + r.qualifiedName()
                    + "."
                    + referenced
                    + ".")
            .header(
                "Run it once no running code writes orphans; verify.sql lists them first. NOT VALID takes a short lock;")
            .header("VALIDATE scans without blocking writes.")
            .sql("ALTER TABLE " + ts + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name))
            .sql(
                "ALTER TABLE "
                    + ts
                    + " ADD CONSTRAINT "
                    + Sql.ident(name)
                    + " FOREIGN KEY ("
                    + Sql.ident(column)
                    + ") REFERENCES "
                    + ctx.tableSql(r)
                    + " ("
                    + Sql.ident(referenced)
                    + ") NOT VALID")
            .sql("ALTER TABLE " + ts + " VALIDATE CONSTRAINT " + Sql.ident(name))
            .text());
    v.put(
        VersionFile.VERIFY,
        Headers.verify(label)
            + "-- Rows whose "
            + column
            + " matches no "
            + r.qualifiedName()
            + "."
            + referenced
            + ":\nSELECT c."
            + Sql.ident(column)
            + " FROM "
            + ts
            + " AS c\n WHERE c."
            + Sql.ident(column)
            + " IS NOT NULL\n   AND NOT EXISTS (SELECT FROM "
            + ctx.tableSql(r)
            + " AS p WHERE p."
            + Sql.ident(referenced)
            + " = c."
            + Sql.ident(column)
            + ")\n LIMIT 10;\n");
    return v.named(slug());
  }
}
