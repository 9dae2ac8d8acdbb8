package dev.schemagate.analyzer.statement;

/**
 * How a DEFAULT expression evaluates, which decides whether {@code ADD COLUMN … DEFAULT} rewrites
 * the table (PostgreSQL 11+ stores a non-volatile default in the catalog instead).
 */
public enum Volatility {
  /** There is no default expression. */
  NONE,
  /**
   * Literals, casts of literals, and functions known to be immutable or stable (now(),
   * current_timestamp…).
   */
  CONSTANT,
  /**
   * A volatile function (random(), gen_random_uuid(), clock_timestamp(), nextval()…) or an unknown
   * function: assumed volatile.
   */
  VOLATILE
}
