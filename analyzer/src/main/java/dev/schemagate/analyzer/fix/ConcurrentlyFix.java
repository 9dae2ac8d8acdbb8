package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.family.index.Reindex;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds {@code CONCURRENTLY} to CREATE INDEX, DROP INDEX, REINDEX, REFRESH MATERIALIZED VIEW and
 * DETACH PARTITION. None of them may run in a transaction block, so a transactional phase file is
 * also marked {@code -- schemagate:phase transactional=false}; a file that cannot be taken out of
 * its transaction, or a shape PostgreSQL rejects with CONCURRENTLY (checked against the replayed
 * catalog), is refused with the reason.
 */
final class ConcurrentlyFix implements FixBuilder {

  @Override
  public Fix build(Finding finding, FileResult file, StatementFacts statement, FixContext context) {
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
    Integer insertAt =
        switch (p.kind()) {
          // CREATE INDEX … ON ONLY builds nothing on the partitions; CONCURRENTLY is not allowed
          // there.
          case CREATE_INDEX -> p.has(Flag.ONLY) ? null : after(words.first(0, "INDEX"));
          // DROP INDEX CONCURRENTLY takes one index and no CASCADE.
          case DROP_INDEX ->
              p.has(Flag.CASCADE) || p.relations().size() > 1
                  ? null
                  : after(words.first(0, "INDEX"));
          case REINDEX ->
              p.detail(Reindex.class).map(r -> r.scope().equals("system")).orElse(false)
                  ? null
                  : after(words.first(0, "INDEX", "TABLE", "SCHEMA", "DATABASE"));
          case REFRESH_MATERIALIZED_VIEW ->
              p.has(Flag.WITH_NO_DATA) ? null : after(words.first(0, "VIEW"));
          case ALTER_TABLE -> detachable(p, words) ? words.lastTokenEnd() : null;
          default -> null;
        };
    if (insertAt == null) {
      return null;
    }
    int index = file.statements().indexOf(statement);
    String invalid = invalidShape(p, context.catalogAt(file, Math.max(0, index)));
    if (invalid != null) {
      return Fix.refused("not rewritten with CONCURRENTLY: " + invalid);
    }
    FileText.OwnTransactions own = FileText.ownTransactions(file, context, false);
    if (own.refused()) {
      return Fix.refused(
          "not rewritten with CONCURRENTLY, which cannot run inside a transaction block: "
              + own.refusal());
    }
    int offset = p.source().startOffset() + insertAt;
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(file.path(), offset, offset, " CONCURRENTLY"));
    edits.addAll(own.edits());
    String what = "add CONCURRENTLY" + own.note();
    if (!own.edits().isEmpty()) {
      what += ", because CONCURRENTLY cannot run inside a transaction block";
    }
    return new Fix(what, edits);
  }

  /**
   * Why PostgreSQL would reject the statement with CONCURRENTLY on the replayed schema, or null.
   */
  private static String invalidShape(ParsedStatement p, Catalog catalog) {
    switch (p.kind()) {
      case CREATE_INDEX -> {
        QualifiedName table = p.index() != null ? p.index().table() : p.target();
        if (table != null && partitioned(catalog, table)) {
          return catalog.qualify(table)
              + " is a partitioned table, and PostgreSQL cannot build an index on one"
              + " concurrently; create it ON ONLY the parent, CONCURRENTLY on each partition, then ATTACH each";
        }
      }
      case DROP_INDEX -> {
        Optional<CatalogIndex> idx =
            p.target() == null ? Optional.empty() : catalog.index(p.target());
        if (idx.isPresent()
            && catalog.table(idx.get().table()).map(CatalogTable::partitioned).orElse(false)) {
          return "index "
              + idx.get().qualifiedName()
              + " is on the partitioned table "
              + idx.get().table()
              + ", and PostgreSQL cannot drop an index of a partitioned table concurrently";
        }
      }
      case REFRESH_MATERIALIZED_VIEW -> {
        QualifiedName view = p.target();
        if (view == null || catalog.kindOf(view) != RelationKind.MATERIALIZED_VIEW) {
          return "materialized view "
              + (view == null ? "?" : catalog.qualify(view))
              + " is not created in the replayed"
              + " history, so nothing shows it has the unique index REFRESH … CONCURRENTLY needs";
        }
        if (!catalog.populated(view)) {
          return "materialized view "
              + catalog.qualify(view)
              + " holds no data yet (created or last refreshed WITH"
              + " NO DATA), and PostgreSQL refreshes only a populated one concurrently; REFRESH it once without CONCURRENTLY";
        }
        boolean unique =
            catalog.indexesOn(catalog.qualify(view)).stream()
                .anyMatch(
                    i ->
                        i.unique()
                            && i.valid()
                            && !i.partial()
                            && i.columns().stream()
                                .allMatch(c -> c.matches("[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\"")));
        if (!unique) {
          return "materialized view "
              + catalog.qualify(view)
              + " has no unique index on plain columns without a WHERE clause,"
              + " which REFRESH … CONCURRENTLY needs; create one first";
        }
      }
      case ALTER_TABLE -> {
        QualifiedName parent = p.target();
        String qualified = catalog.qualify(parent);
        for (String name : catalog.tableNames()) {
          CatalogTable t = catalog.table(name).orElse(null);
          if (t != null && qualified.equals(t.partitionOf()) && t.defaultPartition()) {
            return qualified
                + " has a default partition ("
                + t.qualifiedName()
                + "), and PostgreSQL refuses"
                + " DETACH PARTITION … CONCURRENTLY then";
          }
        }
      }
      default -> {}
    }
    return null;
  }

  private static boolean partitioned(Catalog catalog, QualifiedName table) {
    return catalog.table(table).map(CatalogTable::partitioned).orElse(false);
  }

  /**
   * DETACH PARTITION as the only action, not FINALIZE (which completes an earlier concurrent
   * detach).
   */
  private static boolean detachable(ParsedStatement p, SqlWords words) {
    if (p.kind() != StatementKind.ALTER_TABLE || p.actions().size() != 1) {
      return false;
    }
    AlterAction a = p.actions().get(0);
    return a.kind() == ActionKind.DETACH_PARTITION
        && !a.concurrently()
        && !words.contains("FINALIZE");
  }

  private static Integer after(SqlWords.Word w) {
    return w == null ? null : w.end();
  }
}
