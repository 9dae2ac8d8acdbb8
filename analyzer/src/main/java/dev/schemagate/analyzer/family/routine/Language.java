package dev.schemagate.analyzer.family.routine;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * The language of a CREATE FUNCTION/PROCEDURE or a DO block.
 *
 * @param name as written for a function ({@code plpgsql}, {@code sql}); lower case for a DO block,
 *     {@code plpgsql} when it names none
 */
public record Language(String name) implements StatementDetail {}
