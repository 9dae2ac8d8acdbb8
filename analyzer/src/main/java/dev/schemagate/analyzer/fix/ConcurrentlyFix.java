package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@code CONCURRENTLY} to CREATE INDEX, DROP INDEX, REINDEX, REFRESH MATERIALIZED VIEW and
 * DETACH PARTITION. None of them may run in a transaction block, so a transactional phase file is
 * also marked {@code -- schemagate:phase transactional=false}.
 */
final class ConcurrentlyFix implements FixBuilder {

  @Override
  public Fix build(Finding finding, FileResult file, StatementFacts statement) {
    if (statement == null) {
      return null;
    }
    ParsedStatement p = statement.statement();
    if (p.has(Flag.CONCURRENTLY)) {
      return null;
    }
    String text = FileText.slice(file, p.source());
    SqlWords words = new SqlWords(text);
    if (words.contains("CONCURRENTLY")) {
      return null;
    }
    Integer insertAt = switch (p.kind()) {
      // CREATE INDEX … ON ONLY builds nothing on the partitions; CONCURRENTLY is not allowed there.
      case CREATE_INDEX -> p.has(Flag.ONLY) ? null : after(words.first(0, "INDEX"));
      // DROP INDEX CONCURRENTLY takes one index and no CASCADE.
      case DROP_INDEX -> p.has(Flag.CASCADE) || p.relations().size() > 1 ? null : after(words.first(0, "INDEX"));
      case REINDEX -> "system".equalsIgnoreCase(p.attribute("reindex_scope")) ? null
          : after(words.first(0, "INDEX", "TABLE", "SCHEMA", "DATABASE"));
      case REFRESH_MATERIALIZED_VIEW -> p.has(Flag.WITH_NO_DATA) ? null : after(words.first(0, "VIEW"));
      case ALTER_TABLE -> detachable(p, words) ? words.lastTokenEnd() : null;
      default -> null;
    };
    if (insertAt == null) {
      return null;
    }
    int offset = p.source().startOffset() + insertAt;
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(file.path(), offset, offset, " CONCURRENTLY"));
    String what = "add CONCURRENTLY";
    if (p.kind() == dev.schemagate.analyzer.statement.StatementKind.REFRESH_MATERIALIZED_VIEW) {
      what += " (needs a unique index on the materialized view)";
    }
    if (FileText.transactional(file)) {
      edits.add(FileText.nonTransactionalDirective(file));
      what += " and mark the phase file non-transactional (" + FileText.NON_TRANSACTIONAL_DIRECTIVE
          + "): the runner then runs its statements one by one, each in its own implicit transaction,"
          + " because CONCURRENTLY cannot run inside a transaction block";
    }
    return new Fix(what, edits);
  }

  /** DETACH PARTITION as the only action, not FINALIZE (which completes an earlier concurrent detach). */
  private static boolean detachable(ParsedStatement p, SqlWords words) {
    if (p.actions().size() != 1) {
      return false;
    }
    AlterAction a = p.actions().get(0);
    return a.kind() == ActionKind.DETACH_PARTITION && !a.concurrently() && !words.contains("FINALIZE");
  }

  private static Integer after(SqlWords.Word w) {
    return w == null ? null : w.end();
  }
}
