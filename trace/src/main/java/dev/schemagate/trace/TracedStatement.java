package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.StatementFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one statement really did on PostgreSQL.
 *
 * @param facts in the static model's shape: every relation lock the backend held at the end of the
 *     statement (by the names the relations had before it ran), rewrite, scan, transactional;
 *     {@code versionError} is PostgreSQL's syntax error when this version rejects the statement
 * @param relationKinds {@code pg_class.relkind} of each locked relation ({@code r} table, {@code i}
 *     index, {@code S} sequence, …)
 * @param createdByStatement relations that did not exist before the statement
 * @param locksObserved false for a VACUUM or ANALYZE without a table list and REINDEX SCHEMA /
 *     DATABASE / SYSTEM (they visit every table in turn, some in transactions that neither pause at
 *     commit nor wait on a blocker; see {@link LockRecorder}); true otherwise
 * @param messages PostgreSQL's DEBUG1 notices about rewriting, verifying and proving
 * @param durationNanos execution time of the statement alone
 * @param error the error PostgreSQL raised (other than a syntax error), or null
 * @param rowsAffected the statement's update count (the rows an INSERT, UPDATE, DELETE or MERGE
 *     wrote; 0 for DDL), -1 for a query or when not known: foreign-key checks run per written row,
 *     so with none they take no lock
 */
public record TracedStatement(
    StatementFacts facts,
    Map<String, String> relationKinds,
    Set<String> createdByStatement,
    boolean locksObserved,
    List<String> messages,
    long durationNanos,
    String error,
    long rowsAffected) {

  public TracedStatement {
    relationKinds = Map.copyOf(relationKinds);
    createdByStatement = Set.copyOf(createdByStatement);
    messages = List.copyOf(messages);
  }

  public boolean failed() {
    return error != null;
  }
}
