package dev.schemagate.analyzer.family.type;

import dev.schemagate.analyzer.statement.StatementDetail;
import java.util.List;

/**
 * What a CREATE TYPE defines.
 *
 * @param kind {@code enum}, {@code composite}, {@code range}, {@code base} or {@code shell}
 * @param labels an enum's labels in order, exactly as written; empty for the other kinds
 */
public record TypeDefinition(String kind, List<String> labels) implements StatementDetail {

  public TypeDefinition {
    labels = List.copyOf(labels);
  }
}
