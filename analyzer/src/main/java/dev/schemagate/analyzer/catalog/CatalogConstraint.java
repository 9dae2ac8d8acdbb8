package dev.schemagate.analyzer.catalog;

import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.ForeignKeyActions;
import java.util.List;

/**
 * A table constraint as the replayed history left it.
 *
 * @param validated false while the constraint is {@code NOT VALID}
 * @param checkExpression the CHECK expression as written, or null
 * @param referencedTable for a foreign key: the referenced table, schema-qualified ({@code
 *     public.customers}); else null
 * @param index for UNIQUE / PRIMARY KEY / EXCLUDE: the name of the backing index (unqualified)
 * @param actions for a foreign key: its referential actions, MATCH type and deferral as written;
 *     else null
 */
public record CatalogConstraint(
    String name,
    ConstraintType type,
    List<String> columns,
    boolean validated,
    String checkExpression,
    String referencedTable,
    List<String> referencedColumns,
    String index,
    ForeignKeyActions actions) {

  public CatalogConstraint {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  CatalogConstraint withName(String n) {
    return new CatalogConstraint(
        n,
        type,
        columns,
        validated,
        checkExpression,
        referencedTable,
        referencedColumns,
        index,
        actions);
  }

  CatalogConstraint validatedNow() {
    return new CatalogConstraint(
        name,
        type,
        columns,
        true,
        checkExpression,
        referencedTable,
        referencedColumns,
        index,
        actions);
  }

  CatalogConstraint withColumns(List<String> cols) {
    return new CatalogConstraint(
        name,
        type,
        cols,
        validated,
        checkExpression,
        referencedTable,
        referencedColumns,
        index,
        actions);
  }

  CatalogConstraint withReferencedTable(String t) {
    return new CatalogConstraint(
        name, type, columns, validated, checkExpression, t, referencedColumns, index, actions);
  }
}
