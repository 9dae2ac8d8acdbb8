package dev.schemagate.analyzer.family.index;

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

/** Indexes: CREATE, ALTER, DROP INDEX and REINDEX. */
public final class IndexFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_INDEX,
        StatementKind.ALTER_INDEX,
        StatementKind.DROP_INDEX,
        StatementKind.REINDEX);
  }

  @Override
  public Map<String, Recognizer> leadWords() {
    return Map.of("reindex", IndexRecognizer::reindex);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of("index", IndexRecognizer::create);
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of("index", IndexRecognizer::alter);
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    return Map.of("index", c -> Shapes.dropList(c, StatementKind.DROP_INDEX));
  }

  @Override
  public void replay(ParsedStatement st, Catalog catalog) {
    IndexReplay.apply(st, catalog);
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    IndexLocks.of(st, locks);
  }

  /**
   * {@code ALTER TABLE} naming an index acts as {@code ALTER INDEX} (PostgreSQL allows it): its
   * lock facts.
   */
  public static void alterTableOnIndex(ParsedStatement st, StatementLocks locks) {
    IndexLocks.alter(st, locks);
  }
}
