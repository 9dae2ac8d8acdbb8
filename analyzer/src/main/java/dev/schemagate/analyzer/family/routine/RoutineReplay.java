package dev.schemagate.analyzer.family.routine;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.statement.ParsedStatement;

/**
 * What routine statements change in the replayed catalog: the triggers of each table, and the
 * tables a DO block's body alters (no longer trusted). Functions are not modelled.
 */
final class RoutineReplay {

  private RoutineReplay() {}

  static void apply(ParsedStatement st, Catalog catalog) {
    String trigger = st.detail(Trigger.class).map(Trigger::name).orElse(null);
    switch (st.kind()) {
      case DO_BLOCK -> st.relations().forEach(catalog::markAlteredByCode);
      case CREATE_TRIGGER -> catalog.createTrigger(st.target(), trigger);
      case DROP_TRIGGER -> catalog.dropTrigger(st.target(), trigger);
      default -> {
        // functions, procedures, CALL, ALTER TRIGGER: not modelled
      }
    }
  }
}
