package dev.schemagate.analyzer.facts;

/**
 * A lock a statement takes on one relation (table, index, sequence, view, matview).
 *
 * @param relation the relation's qualified name as the statement resolves it (schema defaulted)
 */
public record RelationLock(String relation, LockMode mode) {}
