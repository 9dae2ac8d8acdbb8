package dev.schemagate.analyzer.family.sequence;

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

/** CREATE, ALTER and DROP SEQUENCE. */
public final class SequenceFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_SEQUENCE, StatementKind.ALTER_SEQUENCE, StatementKind.DROP_SEQUENCE);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of("sequence", (c, prefix) -> Shapes.simpleCreate(c, StatementKind.CREATE_SEQUENCE));
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of("sequence", AlterSequenceRecognizer::recognize);
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    return Map.of("sequence", c -> Shapes.dropList(c, StatementKind.DROP_SEQUENCE));
  }

  @Override
  public void replay(ParsedStatement st, Catalog catalog) {
    SequenceReplay.apply(st, catalog);
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    SequenceLocks.of(st, locks);
  }
}
