package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD CONSTRAINT … CHECK/FOREIGN KEY} → the same with {@code NOT VALID} (a brief ACCESS
 * EXCLUSIVE / SHARE ROW EXCLUSIVE lock, no scan) followed by {@code VALIDATE CONSTRAINT}, which
 * scans under SHARE UPDATE EXCLUSIVE and so lets reads and writes go on. An unnamed constraint gets
 * the name PostgreSQL would have given it, written out so VALIDATE can name it.
 */
final class NotValidFix implements FixBuilder {

  @Override
  public Fix build(Finding finding, FileResult file, StatementFacts statement) {
    AlterAction action = FixBuilder.singleAlterAction(statement, ActionKind.ADD_CONSTRAINT);
    ConstraintDef c = action == null ? null : action.constraint();
    if (c == null || c.notValid() || (c.type() != ConstraintType.CHECK && c.type() != ConstraintType.FOREIGN_KEY)) {
      return null;
    }
    ParsedStatement p = statement.statement();
    String text = FileText.slice(file, p.source());
    SqlWords words = new SqlWords(text);
    if (words.contains("VALID")) {
      return null;
    }
    AlterParts parts = AlterParts.of(text, words, action);
    if (parts == null || !parts.add().upper().equals("ADD")) {
      return null;
    }
    String nl = FileText.newline(file.text());
    int base = p.source().startOffset();
    List<TextEdit> edits = new ArrayList<>();
    String name = c.name();
    if (name == null) {
      String table = p.target().name();
      name = c.type() == ConstraintType.FOREIGN_KEY
          ? Identifiers.foreignKeyName(table, c.columns())
          : Identifiers.checkName(table, c.columns());
      int afterAdd = base + parts.add().end();
      edits.add(new TextEdit(file.path(), afterAdd, afterAdd, " CONSTRAINT " + Identifiers.quote(name)));
    }
    int end = base + words.lastTokenEnd();
    // The statement's own semicolon, after the insertion, terminates the VALIDATE.
    edits.add(new TextEdit(file.path(), end, end,
        " NOT VALID;" + nl + parts.prefix() + " VALIDATE CONSTRAINT " + Identifiers.quote(name)));
    String kind = c.type() == ConstraintType.FOREIGN_KEY ? "foreign key" : "CHECK constraint";
    return new Fix("add the " + kind + " " + name + " NOT VALID, then VALIDATE CONSTRAINT it in a separate"
        + " statement (the validation scan then runs under SHARE UPDATE EXCLUSIVE)", edits);
  }
}
