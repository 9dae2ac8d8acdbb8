package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;

/** Turns one finding into a mechanical rewrite, when the statement has the shape it knows. */
interface FixBuilder {

  /**
   * @param statement the statement the finding is about, or null for a file-level finding
   * @return the fix; a refusal ({@link Fix#refused}) when the rewrite would not run here; or null
   *     when this statement needs a human (or is already fixed)
   */
  Fix build(Finding finding, FileResult file, StatementFacts statement, FixContext context);

  /**
   * The action of an {@code ALTER TABLE} on a named table whose only action is of {@code kind}, or
   * null: the rewrites edit one action in place and would garble a multi-action statement.
   */
  static AlterAction singleAlterAction(StatementFacts statement, ActionKind kind) {
    if (statement == null) {
      return null;
    }
    ParsedStatement p = statement.statement();
    if (p.kind() != StatementKind.ALTER_TABLE || p.actions().size() != 1 || p.target() == null) {
      return null;
    }
    AlterAction action = p.actions().get(0);
    return action.kind() == kind ? action : null;
  }
}
