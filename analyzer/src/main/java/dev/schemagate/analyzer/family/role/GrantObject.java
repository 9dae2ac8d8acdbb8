package dev.schemagate.analyzer.family.role;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * What a GRANT or REVOKE is on; the objects it names are the statement's target and relations.
 *
 * @param objectType {@code table} (also when the statement names none), {@code sequence}, {@code
 *     function}, {@code schema}, {@code all tables in schema} (ON ALL … IN SCHEMA), {@code role}
 *     (GRANT role TO role) …
 * @param schema the schema of {@code ON ALL … IN SCHEMA}; else null
 */
public record GrantObject(String objectType, String schema) implements StatementDetail {}
