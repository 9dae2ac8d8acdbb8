package dev.schemagate.analyzer.family.session;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * What a transaction-control statement does.
 *
 * @param verb {@code begin}, {@code commit}, {@code rollback}, {@code savepoint}, {@code release},
 *     {@code prepare}, {@code commit_prepared} or {@code rollback_prepared}
 * @param savepoint the savepoint of SAVEPOINT, RELEASE and ROLLBACK TO; else null
 */
public record TransactionControl(String verb, String savepoint) implements StatementDetail {

  static TransactionControl of(String verb) {
    return new TransactionControl(verb, null);
  }
}
