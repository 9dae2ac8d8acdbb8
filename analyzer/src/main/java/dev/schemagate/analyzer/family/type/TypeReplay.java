package dev.schemagate.analyzer.family.type;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * What type statements change in the replayed catalog: an enum's labels in order, followed through
 * renames.
 */
final class TypeReplay {

  private TypeReplay() {}

  static void apply(ParsedStatement st, Catalog catalog) {
    switch (st.kind()) {
      case CREATE_ENUM -> createEnum(st, catalog);
      case ALTER_TYPE -> alterType(st, catalog);
      case DROP_TYPE -> st.relations().forEach(catalog::dropType);
      default -> {
        // composite, range and base types, domains: not modelled
      }
    }
  }

  private static void createEnum(ParsedStatement st, Catalog catalog) {
    if (st.target() == null) {
      return;
    }
    List<String> labels = new ArrayList<>();
    for (AlterAction a : st.actions()) {
      if (a.kind() == ActionKind.ADD_ENUM_VALUE && a.newName() != null) {
        labels.add(a.newName());
      }
    }
    if (labels.isEmpty()) {
      labels.addAll(st.detail(TypeDefinition.class).map(TypeDefinition::labels).orElse(List.of()));
    }
    catalog.enumLabels(st.target(), labels);
  }

  private static void alterType(ParsedStatement st, Catalog catalog) {
    if (st.target() == null) {
      return;
    }
    QualifiedName type = st.target();
    for (AlterAction a : st.actions()) {
      List<String> labels = catalog.enumLabels(type).orElse(null);
      switch (a.kind()) {
        case ADD_ENUM_VALUE -> {
          if (labels != null && a.newName() != null && !labels.contains(a.newName())) {
            catalog.enumLabels(type, withLabel(labels, a.newName(), a.expression()));
          }
        }
        case RENAME_ENUM_VALUE -> {
          if (labels != null) {
            catalog.enumLabels(
                type, labels.stream().map(l -> l.equals(a.name()) ? a.newName() : l).toList());
          }
        }
        case RENAME_TABLE -> type = catalog.renameRelation(type, a.newName());
        case SET_SCHEMA -> type = catalog.moveRelation(type, a.newName());
        default -> {}
      }
    }
  }

  /**
   * The labels with a new one at the end, or {@code BEFORE 'x'} / {@code AFTER 'x'} as the position
   * says.
   */
  private static List<String> withLabel(List<String> labels, String label, String position) {
    List<String> next = new ArrayList<>(labels);
    int at = next.size();
    if (position != null) {
      String[] words = position.trim().split("\\s+", 2);
      if (words.length == 2) {
        String ref = words[1].trim();
        if (ref.startsWith("'")) {
          ref = ref.substring(1);
        }
        if (ref.endsWith("'")) {
          ref = ref.substring(0, ref.length() - 1);
        }
        int i = next.indexOf(ref);
        if (i >= 0) {
          at = words[0].equalsIgnoreCase("before") ? i : i + 1;
        }
      }
    }
    next.add(at, label);
    return next;
  }
}
