package dev.schemagate.analyzer.statement;

import java.util.List;

/**
 * A column definition in {@code CREATE TABLE} or {@code ADD COLUMN}.
 *
 * @param defaultExpression the DEFAULT expression as written, or null
 * @param defaultVolatility how the default behaves for existing rows; {@link Volatility#NONE} when
 *     there is no default
 * @param notNull {@code NOT NULL} was written (or implied by PRIMARY KEY)
 * @param generated how the column's value is produced
 * @param generationExpression for GENERATED … AS (expr): the expression; else null
 * @param constraints inline constraints other than NOT NULL / NULL / DEFAULT (CHECK, UNIQUE,
 *     PRIMARY KEY, REFERENCES), with {@link ConstraintDef#columns()} set to this column
 */
public record ColumnDef(
    String name,
    TypeName type,
    String defaultExpression,
    Volatility defaultVolatility,
    boolean notNull,
    Generated generated,
    String generationExpression,
    List<ConstraintDef> constraints,
    String collation) {

  public ColumnDef {
    constraints = List.copyOf(constraints);
  }

  public enum Generated {
    NONE,
    IDENTITY_ALWAYS,
    IDENTITY_BY_DEFAULT,
    /** {@code GENERATED ALWAYS AS (expr) STORED}: computed for every row when added. */
    STORED,
    /** {@code GENERATED ALWAYS AS (expr) [VIRTUAL]} (PostgreSQL 18): computed on read. */
    VIRTUAL
  }
}
