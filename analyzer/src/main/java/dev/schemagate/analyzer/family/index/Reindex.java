package dev.schemagate.analyzer.family.index;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * What a REINDEX rebuilds; its object (when named) is the statement's target.
 *
 * @param scope the scope word, lower case: {@code index}, {@code table}, {@code schema}, {@code
 *     database} or {@code system}
 */
public record Reindex(String scope) implements StatementDetail {

  public boolean isIndex() {
    return scope.equals("index");
  }

  public boolean isTable() {
    return scope.equals("table");
  }
}
