package dev.schemagate.analyzer.facts;

import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.List;

/**
 * What a statement does to a live database of one PostgreSQL major version, given the schema that
 * the earlier statements built: the analyzer's static answer, and the shape {@code trace} reports
 * from real execution.
 *
 * @param locks the strongest lock taken on each relation, in the order first taken
 * @param rewrite the table (or an index) is rewritten: every row copied under the lock
 * @param scan the table is read in full (validation, index build) while the lock is held
 * @param transactional the statement may run inside a transaction block
 * @param newRelations the relations this statement touches that were created earlier in the same
 *     phase file: nobody else can be using them, so their locks are harmless
 * @param versionError non-null when this PostgreSQL version rejects the syntax (e.g. a feature of a
 *     later version); the statement's other facts then describe nothing
 * @param notes short explanations of the facts ("constant default: catalog-only since PG 11")
 */
public record StatementFacts(
    ParsedStatement statement,
    List<RelationLock> locks,
    boolean rewrite,
    boolean scan,
    boolean transactional,
    List<String> newRelations,
    String versionError,
    List<String> notes) {

  public StatementFacts {
    locks = List.copyOf(locks);
    newRelations = List.copyOf(newRelations);
    notes = List.copyOf(notes);
  }

  /**
   * The strongest lock this statement takes on a relation that existed before the phase, or null.
   */
  public LockMode strongestLockOnExisting() {
    LockMode strongest = null;
    for (RelationLock l : locks) {
      if (!newRelations.contains(l.relation())
          && (strongest == null || l.mode().compareTo(strongest) > 0)) {
        strongest = l.mode();
      }
    }
    return strongest;
  }
}
