package dev.schemagate.analyzer.family.routine;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * The trigger a CREATE, ALTER or DROP TRIGGER names (its table is the statement's target).
 *
 * @param name the trigger's name
 * @param function the function it executes, as written (CREATE only; else null)
 * @param constraintTrigger whether it is a {@code CREATE CONSTRAINT TRIGGER}
 */
public record Trigger(String name, String function, boolean constraintTrigger)
    implements StatementDetail {

  static Trigger named(String name) {
    return new Trigger(name, null, false);
  }
}
