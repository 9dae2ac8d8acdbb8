package dev.schemagate.analyzer.family.role;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * {@code ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] …}: the schema, or null for every
 * schema.
 */
public record DefaultPrivileges(String schema) implements StatementDetail {}
