package dev.schemagate.analyzer.family.view;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.family.CreateRecognizer;
import dev.schemagate.analyzer.family.Recognizer;
import dev.schemagate.analyzer.family.StatementFamily;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import java.util.Set;

/** Views and materialized views: CREATE, ALTER, DROP, REFRESH. */
public final class ViewFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_VIEW,
        StatementKind.ALTER_VIEW,
        StatementKind.DROP_VIEW,
        StatementKind.CREATE_MATERIALIZED_VIEW,
        StatementKind.ALTER_MATERIALIZED_VIEW,
        StatementKind.DROP_MATERIALIZED_VIEW,
        StatementKind.REFRESH_MATERIALIZED_VIEW);
  }

  @Override
  public Map<String, Recognizer> leadWords() {
    return Map.of("refresh", ViewRecognizer::refresh);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of(
        "view", ViewRecognizer::createView, "materialized", ViewRecognizer::createMaterialized);
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of(
        "view", ViewRecognizer::alterView, "materialized", ViewRecognizer::alterMaterialized);
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    return Map.of(
        "view",
        c -> Shapes.dropList(c, StatementKind.DROP_VIEW),
        "materialized view",
        c -> Shapes.dropList(c, StatementKind.DROP_MATERIALIZED_VIEW));
  }

  @Override
  public void replay(ParsedStatement st, Catalog catalog) {
    ViewReplay.apply(st, catalog);
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    ViewLocks.of(st, locks);
  }
}
