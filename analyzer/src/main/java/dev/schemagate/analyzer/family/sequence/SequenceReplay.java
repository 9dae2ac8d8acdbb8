package dev.schemagate.analyzer.family.sequence;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ParsedStatement;

/**
 * What sequence statements change in the replayed catalog: the sequence's existence, name and
 * schema.
 */
final class SequenceReplay {

  private SequenceReplay() {}

  static void apply(ParsedStatement st, Catalog catalog) {
    switch (st.kind()) {
      case CREATE_SEQUENCE -> catalog.addRelation(st.target(), RelationKind.SEQUENCE);
      case DROP_SEQUENCE -> st.relations().forEach(catalog::dropRelation);
      case ALTER_SEQUENCE -> {
        if (st.target() == null) {
          return;
        }
        for (AlterAction a : st.actions()) {
          if (a.kind() == ActionKind.RENAME_TABLE) {
            catalog.renameRelation(st.target(), a.newName());
          } else if (a.kind() == ActionKind.SET_SCHEMA) {
            catalog.moveRelation(st.target(), a.newName());
          }
        }
      }
      default -> throw new IllegalArgumentException("not a sequence statement: " + st.kind());
    }
  }
}
