package dev.schemagate.analyzer.statement;

/** Statement-level options that change locking or compatibility. */
public enum Flag {
  CONCURRENTLY,
  IF_EXISTS,
  IF_NOT_EXISTS,
  CASCADE,
  OR_REPLACE,
  TEMPORARY,
  UNLOGGED,
  /** CREATE TABLE … PARTITION BY. */
  PARTITIONED,
  /** CREATE TABLE … PARTITION OF parent (the parent is in {@link ParsedStatement#relations()}). */
  PARTITION_OF,
  /** ALTER TABLE ONLY / CREATE INDEX ON ONLY. */
  ONLY,
  /** UPDATE/DELETE with a WHERE clause. */
  HAS_WHERE,
  /**
   * DML whose text takes positional parameters ({@code $1}, {@code $2}): in a backfill phase the
   * runner binds them to one key range per batch.
   */
  PARAMETERIZED,
  /** CREATE MATERIALIZED VIEW/TABLE AS … WITH NO DATA. */
  WITH_NO_DATA,
  /** SET LOCAL / SET TRANSACTION. */
  LOCAL,
  /** VACUUM FULL. */
  FULL,
  /** BEGIN / START TRANSACTION (as opposed to COMMIT/ROLLBACK/SAVEPOINT). */
  BEGIN,
  /** COMMIT / END / ROLLBACK / ABORT. */
  END
}
