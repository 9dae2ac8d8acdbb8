package dev.schemagate.runner.apply;

import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.List;
import java.util.Set;

/**
 * One phase file (or a {@code rollback.sql}) ready to run: its statements as the analyzer parsed
 * them and what the analyzer predicts they lock.
 *
 * @param phase the history's phase value: {@code expand}, {@code backfill}, {@code contract} or
 *     {@code rollback}
 * @param kind the phase kind; for a rollback, {@link PhaseKind#EXPAND} (the phase it undoes)
 * @param checksum {@code sha256:<hex>}, as the history records it
 * @param transactional whether the file runs in one transaction (its {@code -- schemagate:phase}
 *     option)
 * @param tables the existing tables (schema-qualified) the statements lock
 * @param locks the predicted strongest lock per relation, over all statements
 */
public record PhaseWork(
    String track,
    int version,
    String phase,
    PhaseKind kind,
    String file,
    String checksum,
    String commit,
    boolean transactional,
    List<ParsedStatement> statements,
    Set<String> tables,
    List<RelationLock> locks) {

  public PhaseWork {
    statements = List.copyOf(statements);
    tables = Set.copyOf(tables);
    locks = List.copyOf(locks);
  }

  /** {@code orders@3 expand}. */
  public String label() {
    return track + "@" + version + " " + phase;
  }

  /**
   * How the runner executes it, as {@code plan} and {@code apply} print it: a backfill phase runs
   * in key-range batches, one transaction per batch (docs/runner-backfill.md), whatever its {@code
   * transactional} option says.
   */
  public String execution() {
    if (kind == PhaseKind.BACKFILL && !isRollback()) {
      return "in batches, one transaction each";
    }
    return transactional ? "one transaction" : "statement by statement";
  }

  public boolean isRollback() {
    return phase.equals("rollback");
  }
}
