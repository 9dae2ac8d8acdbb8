package dev.schemagate.operations;

import dev.schemagate.analyzer.catalog.CatalogTable;
import java.util.List;

/**
 * SET NOT NULL without a scan under ACCESS EXCLUSIVE (PostgreSQL 12+): a {@code CHECK (c IS NOT
 * NULL) NOT VALID}, validated under SHARE UPDATE EXCLUSIVE (reads and writes go on), then SET NOT
 * NULL, which uses the valid check instead of scanning, then the check dropped. Each statement is
 * meant to commit on its own ({@code transactional=false}); the first drops a check left by an
 * interrupted earlier run, so the sequence can be run again.
 */
public final class NotNullSteps {

  private NotNullSteps() {}

  public static String checkName(OperationContext ctx, CatalogTable table, String column) {
    return ctx.freeConstraintName(table, Sql.name(table.name(), column, "not_null"));
  }

  public static List<String> statements(
      OperationContext ctx, CatalogTable table, String column, String check) {
    String t = ctx.tableSql(table);
    String c = Sql.ident(column);
    String k = Sql.ident(check);
    return List.of(
        "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + k,
        "ALTER TABLE " + t + " ADD CONSTRAINT " + k + " CHECK (" + c + " IS NOT NULL) NOT VALID",
        "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k,
        "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL",
        "ALTER TABLE " + t + " DROP CONSTRAINT " + k);
  }
}
