package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.PgNames;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.Identifier;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE t ALTER COLUMN c SET NOT NULL} scans the table under ACCESS EXCLUSIVE unless a
 * valid {@code CHECK (c IS NOT NULL)} already proves it (PostgreSQL 12 and later, "ALTER TABLE",
 * SET NOT NULL). The fix adds that CHECK as NOT VALID, validates it under SHARE UPDATE EXCLUSIVE in
 * a transaction of its own, keeps the author's SET NOT NULL (now catalog-only) and drops the helper
 * constraint.
 *
 * <p>The helper is named {@code <table>_<column>_not_null_check} (with {@code 1}, {@code 2}… on a
 * clash in the replayed schema), not {@code <table>_<column>_not_null}: PostgreSQL 18 gives that
 * second name to the not-null constraint SET NOT NULL itself creates.
 */
final class SetNotNullFix implements FixBuilder {

  @Override
  public Fix build(Finding finding, FileResult file, StatementFacts statement, FixContext context) {
    AlterAction action = FixBuilder.singleAlterAction(statement, ActionKind.SET_NOT_NULL);
    if (action == null || action.column() == null) {
      return null;
    }
    ParsedStatement p = statement.statement();
    String text = FileText.slice(file, p.source());
    SqlWords words = new SqlWords(text);
    AlterParts parts = AlterParts.of(text, words, action);
    if (parts == null) {
      return null;
    }
    FileText.OwnTransactions own = FileText.ownTransactions(file, context, true);
    if (own.refused()) {
      return Fix.refused(
          "not rewritten with a NOT VALID CHECK and VALIDATE, which only help when VALIDATE runs in"
              + " a transaction of its own: "
              + own.refusal());
    }
    Catalog catalog = context.catalogAt(file, file.statements().indexOf(statement));
    QualifiedName table = p.target().inSchema(catalog.defaultSchema());
    String name =
        PgNames.choose(
            p.target().name(),
            action.column(),
            "not_null_check",
            n -> catalog.constraintNameUsed(table.schema(), n));
    String constraint = Identifier.quote(name);
    String nl = FileText.newline(file.text());
    String prefix = parts.prefix();
    int start = p.source().startOffset();
    int end = start + words.lastTokenEnd();
    String before =
        prefix
            + " ADD CONSTRAINT "
            + constraint
            + " CHECK ("
            + Identifier.quote(action.column())
            + " IS NOT NULL) NOT VALID;"
            + nl
            + prefix
            + " VALIDATE CONSTRAINT "
            + constraint
            + ";"
            + nl;
    String after = ";" + nl + prefix + " DROP CONSTRAINT " + constraint;
    List<TextEdit> edits =
        new ArrayList<>(
            List.of(
                new TextEdit(file.path(), start, start, before),
                new TextEdit(file.path(), end, end, after)));
    edits.addAll(own.edits());
    return new Fix(
        "prove NOT NULL with CHECK ("
            + action.column()
            + " IS NOT NULL) NOT VALID, VALIDATE it"
            + " (no ACCESS EXCLUSIVE scan), then SET NOT NULL without a scan and drop the helper "
            + name
            + own.note(),
        edits);
  }
}
