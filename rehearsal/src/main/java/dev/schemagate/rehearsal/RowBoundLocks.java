package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.StatementKind;

/**
 * Whether the workload's lock waits on a phase grow with the table: they do when a statement holds
 * row locks on every row it changes until it commits (UPDATE, DELETE, MERGE, INSERT … SELECT in one
 * transaction), or reads or rewrites the whole table under a lock that blocks writes (CREATE INDEX
 * without CONCURRENTLY, a type change that rewrites). A metadata-only change (ADD COLUMN, a NOT
 * VALID constraint, a trigger) waits and blocks as long at any size; VALIDATE CONSTRAINT scans
 * under a lock that blocks no query. A batched backfill is not row-bound: its batches are sized by
 * time. The analyzer's facts of the phase decide.
 */
final class RowBoundLocks {

  private RowBoundLocks() {}

  static boolean of(FileResult file) {
    for (StatementFacts s : file.statements()) {
      StatementKind kind = s.statement().kind();
      if (kind == StatementKind.UPDATE
          || kind == StatementKind.DELETE
          || kind == StatementKind.MERGE
          || kind == StatementKind.INSERT_SELECT) {
        return true;
      }
      if ((s.rewrite() || s.scan()) && s.locks().stream().anyMatch(l -> l.mode().blocksWrites())) {
        return true;
      }
    }
    return false;
  }
}
