package dev.schemagate.runner.gate;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.db.Database;
import java.util.Set;

/**
 * The phase a gate is asked about.
 *
 * @param tables the tables the phase's statements touch (schema-qualified, as the analyzer's facts
 *     name them)
 */
public record GateContext(Database database, String track, int version, PhaseKind phase, Set<String> tables) {}
