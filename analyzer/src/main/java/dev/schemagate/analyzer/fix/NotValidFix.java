package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.Identifier;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ADD CONSTRAINT … CHECK/FOREIGN KEY} → the same with {@code NOT VALID} (a brief ACCESS
 * EXCLUSIVE / SHARE ROW EXCLUSIVE lock, no scan) followed by {@code VALIDATE CONSTRAINT}, which
 * scans under SHARE UPDATE EXCLUSIVE and so lets reads and writes go on, in its own transaction
 * (otherwise the ADD's lock is held through the scan). An unnamed constraint gets the name
 * PostgreSQL would give it on the replayed schema, written out so VALIDATE can name it.
 */
final class NotValidFix implements FixBuilder {

  @Override
  public Fix build(Finding finding, FileResult file, StatementFacts statement, FixContext context) {
    AlterAction action = FixBuilder.singleAlterAction(statement, ActionKind.ADD_CONSTRAINT);
    ConstraintDef c = action == null ? null : action.constraint();
    if (c == null
        || c.notValid()
        || (c.type() != ConstraintType.CHECK && c.type() != ConstraintType.FOREIGN_KEY)) {
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
    String kind = c.type() == ConstraintType.FOREIGN_KEY ? "foreign key" : "CHECK constraint";
    Catalog catalog = context.catalogAt(file, file.statements().indexOf(statement));
    Optional<CatalogTable> table = catalog.table(p.target());
    String qualified = catalog.qualify(p.target());
    if (c.type() == ConstraintType.FOREIGN_KEY
        && context.pgVersion() < 18
        && table.map(CatalogTable::partitioned).orElse(false)) {
      return Fix.refused(
          "not rewritten with NOT VALID: "
              + qualified
              + " is a partitioned table, and PostgreSQL "
              + context.pgVersion()
              + " cannot add a NOT VALID foreign key to one (PostgreSQL 18 can)");
    }
    String name = c.name();
    if (name == null) {
      if (table.isEmpty() || !table.get().columnsKnown() || catalog.alteredByCode(qualified)) {
        return Fix.refused(
            "not rewritten with NOT VALID: the "
                + kind
                + " has no name, and "
                + qualified
                + " is not created in the replayed history (or a DO block alters it), so the name PostgreSQL would"
                + " choose cannot be known; name the constraint");
      }
      name = catalog.constraintName(p.target(), c);
    }
    FileText.OwnTransactions own = FileText.ownTransactions(file, context, true);
    if (own.refused()) {
      return Fix.refused(
          "not rewritten with NOT VALID + VALIDATE, which only helps when VALIDATE runs in a"
              + " transaction of its own: "
              + own.refusal());
    }
    String nl = FileText.newline(file.text());
    int base = p.source().startOffset();
    List<TextEdit> edits = new ArrayList<>();
    if (c.name() == null) {
      int afterAdd = base + parts.add().end();
      edits.add(
          new TextEdit(file.path(), afterAdd, afterAdd, " CONSTRAINT " + Identifier.quote(name)));
    }
    int end = base + words.lastTokenEnd();
    // The statement's own semicolon, after the insertion, terminates the VALIDATE.
    edits.add(
        new TextEdit(
            file.path(),
            end,
            end,
            " NOT VALID;"
                + nl
                + parts.prefix()
                + " VALIDATE CONSTRAINT "
                + Identifier.quote(name)));
    edits.addAll(own.edits());
    return new Fix(
        "add the "
            + kind
            + " "
            + name
            + " NOT VALID, then VALIDATE CONSTRAINT it in a separate"
            + " statement (the validation scan then runs under SHARE UPDATE EXCLUSIVE)"
            + own.note(),
        edits);
  }
}
