package dev.schemagate.analyzer.family.type;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * {@code CREATE DOMAIN name [AS] type …}: the base type's name as the parser reads it ({@code
 * text}), or null.
 */
public record DomainDefinition(String baseType) implements StatementDetail {}
