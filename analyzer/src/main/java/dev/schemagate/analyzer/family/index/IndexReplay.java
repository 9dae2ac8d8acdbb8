package dev.schemagate.analyzer.family.index;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;

/**
 * What index statements change in the replayed catalog: the indexes, by name, with their table and
 * keys.
 */
final class IndexReplay {

  private IndexReplay() {}

  static void apply(ParsedStatement st, Catalog catalog) {
    switch (st.kind()) {
      case CREATE_INDEX -> catalog.createIndex(st.index(), st.has(Flag.IF_NOT_EXISTS));
      case DROP_INDEX -> st.relations().forEach(catalog::dropIndex);
      case ALTER_INDEX -> {
        for (AlterAction a : st.actions()) {
          if (a.kind() == ActionKind.RENAME_TABLE && st.target() != null) {
            catalog.renameRelation(st.target(), a.newName());
          }
        }
      }
      default -> {
        // REINDEX rebuilds what exists
      }
    }
  }
}
