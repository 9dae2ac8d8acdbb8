package dev.schemagate.operations;

import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import java.util.Map;

/** Preconditions shared by the operations that replace a column with another. */
public final class ColumnChecks {

  private ColumnChecks() {}

  /**
   * Refuses a column the shadow-column sequence cannot carry over: a key, an identity, a generated
   * column, a referenced one.
   */
  public static void replaceable(
      OperationContext ctx, CatalogTable table, CatalogColumn column, String operation) {
    replaceable(ctx, table, column, operation, java.util.Set.of());
  }

  /**
   * As {@link #replaceable(OperationContext, CatalogTable, CatalogColumn, String)}, except for the
   * constraints named in {@code handled} (the primary key and the foreign keys a key type change
   * moves itself).
   */
  public static void replaceable(
      OperationContext ctx,
      CatalogTable table,
      CatalogColumn column,
      String operation,
      java.util.Set<String> handled) {
    String where = table.qualifiedName() + "." + column.name();
    if (column.generated() != null
        && column.generated() != dev.schemagate.analyzer.statement.ColumnDef.Generated.NONE) {
      throw new OperationException(
          operation
              + ": "
              + where
              + " is an identity or generated column; write this change by hand");
    }
    if (column.defaultExpression() != null
        && column.defaultExpression().toLowerCase().contains("nextval(")) {
      throw new OperationException(
          operation
              + ": "
              + where
              + " takes its default from a sequence (serial), which dropping the"
              + " old column would drop with it; write this change by hand");
    }
    for (CatalogConstraint c : table.constraints()) {
      if (!c.columns().contains(column.name()) || handled.contains(c.name())) {
        continue;
      }
      if (c.type() == ConstraintType.PRIMARY_KEY) {
        throw new OperationException(
            operation
                + ": "
                + where
                + " is part of primary key "
                + c.name()
                + "; of the key changes only change-type of a one-column primary key is generated (docs/operations.md#not-generated)");
      }
      if (c.type() == ConstraintType.CHECK || c.type() == ConstraintType.EXCLUDE) {
        throw new OperationException(
            operation
                + ": "
                + where
                + " is used by constraint "
                + c.name()
                + " ("
                + c.type().name().toLowerCase()
                + "), whose expression the generator does not rewrite; drop or move it first");
      }
    }
    for (Map.Entry<String, CatalogConstraint> fk :
        ctx.catalog().foreignKeysReferencing(table.qualifiedName())) {
      if (referencedColumns(ctx, table, fk.getValue()).contains(column.name())
          && !handled.contains(fk.getValue().name())) {
        throw new OperationException(
            operation
                + ": "
                + where
                + " is referenced by foreign key "
                + fk.getValue().name()
                + " of "
                + fk.getKey()
                + " through a unique constraint, not the primary key; that is not generated"
                + " (docs/operations.md#not-generated)");
      }
    }
  }

  /**
   * The columns a foreign key references: as written, or the referenced table's primary key when
   * none were.
   */
  public static java.util.List<String> referencedColumns(
      OperationContext ctx, CatalogTable referenced, CatalogConstraint fk) {
    if (!fk.referencedColumns().isEmpty()) {
      return fk.referencedColumns();
    }
    return ctx.primaryKey(referenced).map(CatalogConstraint::columns).orElse(java.util.List.of());
  }

  /** Refuses dropping a key column or one another table references. */
  public static void droppable(OperationContext ctx, CatalogTable table, CatalogColumn column) {
    String where = table.qualifiedName() + "." + column.name();
    for (CatalogConstraint c : table.constraints()) {
      if (c.type() == ConstraintType.PRIMARY_KEY && c.columns().contains(column.name())) {
        throw new OperationException(
            "drop-column: "
                + where
                + " is part of primary key "
                + c.name()
                + "; write this change by hand");
      }
    }
    for (Map.Entry<String, CatalogConstraint> fk :
        ctx.catalog().foreignKeysReferencing(table.qualifiedName())) {
      if (referencedColumns(ctx, table, fk.getValue()).contains(column.name())) {
        throw new OperationException(
            "drop-column: "
                + where
                + " is referenced by foreign key "
                + fk.getValue().name()
                + " of "
                + fk.getKey()
                + "; drop that foreign key first");
      }
    }
  }
}
