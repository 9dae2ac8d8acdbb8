package dev.schemagate.analyzer.family.view;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;

/**
 * What view statements change in the replayed catalog: the views, a materialized view's sources and
 * data.
 */
final class ViewReplay {

  private ViewReplay() {}

  static void apply(ParsedStatement st, Catalog catalog) {
    switch (st.kind()) {
      case CREATE_VIEW -> catalog.addRelation(st.target(), RelationKind.VIEW);
      // relations() starts with the view itself; the rest is what its query reads
      case CREATE_MATERIALIZED_VIEW ->
          catalog.createMaterializedView(
              st.target(),
              st.relations().stream().skip(1).toList(),
              st.has(Flag.IF_NOT_EXISTS),
              st.has(Flag.WITH_NO_DATA));
      case REFRESH_MATERIALIZED_VIEW -> catalog.refreshed(st.target(), st.has(Flag.WITH_NO_DATA));
      case DROP_VIEW, DROP_MATERIALIZED_VIEW -> st.relations().forEach(catalog::dropRelation);
      case ALTER_VIEW, ALTER_MATERIALIZED_VIEW -> {
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
      default -> throw new IllegalArgumentException("not a view statement: " + st.kind());
    }
  }
}
