package dev.schemagate.analyzer.family.statistics;

import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementDetail;

/** {@code CREATE STATISTICS … FROM table}: the table the statistics object is on, as written. */
public record StatisticsOn(QualifiedName table) implements StatementDetail {}
