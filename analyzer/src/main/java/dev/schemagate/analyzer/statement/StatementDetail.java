package dev.schemagate.analyzer.statement;

/**
 * The typed data a statement family records about one statement beyond its kind, target, relations,
 * actions and flags: a record of the family's own package (a SET's setting and value, a REINDEX's
 * scope, a trigger's name…). {@link ParsedStatement#detail(Class)} reads it.
 */
public interface StatementDetail {}
