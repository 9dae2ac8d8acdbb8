package dev.schemagate.analyzer.family.routine;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;

/**
 * CREATE [CONSTRAINT] TRIGGER, ALTER TRIGGER and DROP TRIGGER: the trigger and its table (the
 * target).
 */
final class TriggerRecognizer {

  private TriggerRecognizer() {}

  /**
   * {@code CREATE [CONSTRAINT] TRIGGER name … ON table … EXECUTE FUNCTION|PROCEDURE f(…)}, on the
   * word TRIGGER.
   */
  static Draft create(Cursor c, CreatePrefix prefix) {
    c.next();
    Draft d = new Draft(StatementKind.CREATE_TRIGGER);
    String name = c.identifier();
    int on = c.findTopLevelWord("on");
    if (on < 0) {
      return null;
    }
    c.i = on + 1;
    d.target(c.qualifiedName());
    String function = null;
    int fn = c.findTopLevelWord("execute");
    if (fn >= 0) {
      c.i = fn + 2;
      QualifiedName f = c.qualifiedName();
      function = f == null ? null : f.toString();
    }
    return d.detail(new Trigger(name, function, prefix.constraint()));
  }

  /** {@code ALTER TRIGGER name ON table …}, on the word TRIGGER. */
  static Draft alter(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.ALTER_TRIGGER);
    d.detail(Trigger.named(c.identifier()));
    Shapes.onTable(c, d);
    return d;
  }

  /** {@code DROP TRIGGER [IF EXISTS] name ON table [CASCADE]}, after the word TRIGGER. */
  static Draft drop(Cursor c) {
    Draft d = new Draft(StatementKind.DROP_TRIGGER);
    d.flagIf(c.accept("concurrently"), Flag.CONCURRENTLY);
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    d.flagIf(c.findTopLevelWord("cascade") >= 0, Flag.CASCADE);
    d.detail(Trigger.named(c.identifier()));
    if (c.accept("on")) {
      d.target(c.qualifiedName());
    }
    return d;
  }
}
