package dev.schemagate.analyzer.family.sequence;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * {@code ALTER SEQUENCE … OWNED BY table.column | NONE}.
 *
 * @param column the owning column as written ({@code t.id}, {@code app.t.id}), or {@code none}
 */
public record OwnedBy(String column) implements StatementDetail {}
