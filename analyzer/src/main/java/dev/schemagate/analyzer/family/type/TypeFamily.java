package dev.schemagate.analyzer.family.type;

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

/** Types, enums and domains: CREATE, ALTER, DROP. */
public final class TypeFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_TYPE,
        StatementKind.CREATE_ENUM,
        StatementKind.ALTER_TYPE,
        StatementKind.DROP_TYPE,
        StatementKind.CREATE_DOMAIN,
        StatementKind.ALTER_DOMAIN,
        StatementKind.DROP_DOMAIN);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of("type", TypeRecognizer::createType, "domain", TypeRecognizer::createDomain);
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of("type", TypeRecognizer::alterType, "domain", TypeRecognizer::alterDomain);
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    return Map.of(
        "type",
        c -> Shapes.dropList(c, StatementKind.DROP_TYPE),
        "domain",
        c -> Shapes.dropList(c, StatementKind.DROP_DOMAIN));
  }

  @Override
  public void replay(ParsedStatement st, Catalog catalog) {
    TypeReplay.apply(st, catalog);
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    TypeLocks.of(st, locks);
  }
}
