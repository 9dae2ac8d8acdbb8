package dev.schemagate.analyzer.family.type;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * {@code ALTER DOMAIN}: whether it checks the values already stored ({@code ADD CONSTRAINT}, {@code
 * VALIDATE CONSTRAINT}, {@code SET NOT NULL}), read from the tokens.
 */
public record DomainChange(boolean checksStoredValues) implements StatementDetail {}
