package dev.schemagate.analyzer.statement;

import java.util.List;

/**
 * A table constraint, from {@code CREATE TABLE} (table or column constraint) or {@code ALTER TABLE
 * … ADD CONSTRAINT}.
 *
 * @param name the constraint name, or null when PostgreSQL will generate one
 * @param columns the constrained columns (for CHECK: the columns the expression names, best effort)
 * @param expression the CHECK expression, or the EXCLUDE element list, as written; else null
 * @param referencedTable for FOREIGN KEY; else null
 * @param referencedColumns for FOREIGN KEY (empty: the referenced table's primary key)
 * @param notValid {@code NOT VALID} was written
 * @param usingIndex for {@code UNIQUE/PRIMARY KEY USING INDEX idx}: the index name; else null
 * @param onDelete the {@code ON DELETE} action in lower case ({@code cascade}, {@code set null}…),
 *     or null
 * @param actions for FOREIGN KEY: all its actions and its deferral as written (never null for one);
 *     else null
 */
public record ConstraintDef(
    String name,
    ConstraintType type,
    List<String> columns,
    String expression,
    QualifiedName referencedTable,
    List<String> referencedColumns,
    boolean notValid,
    String usingIndex,
    String onDelete,
    boolean deferrable,
    ForeignKeyActions actions) {

  public ConstraintDef {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
    if (type == ConstraintType.FOREIGN_KEY && actions == null) {
      actions = new ForeignKeyActions(onDelete, null, null, deferrable, false);
    }
  }

  /**
   * A constraint whose foreign-key actions are ON DELETE and DEFERRABLE only (or that is no foreign
   * key).
   */
  public ConstraintDef(
      String name,
      ConstraintType type,
      List<String> columns,
      String expression,
      QualifiedName referencedTable,
      List<String> referencedColumns,
      boolean notValid,
      String usingIndex,
      String onDelete,
      boolean deferrable) {
    this(
        name,
        type,
        columns,
        expression,
        referencedTable,
        referencedColumns,
        notValid,
        usingIndex,
        onDelete,
        deferrable,
        null);
  }

  public enum ConstraintType {
    CHECK,
    NOT_NULL,
    FOREIGN_KEY,
    UNIQUE,
    PRIMARY_KEY,
    EXCLUDE
  }

  /** True for the kinds that need an index to exist (built inline unless {@code USING INDEX}). */
  public boolean needsIndex() {
    return type == ConstraintType.UNIQUE
        || type == ConstraintType.PRIMARY_KEY
        || type == ConstraintType.EXCLUDE;
  }
}
