package dev.schemagate.analyzer.family.routine;

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

/** Code in the database: functions, procedures, triggers, DO blocks and CALL. */
public final class RoutineFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_FUNCTION,
        StatementKind.ALTER_FUNCTION,
        StatementKind.DROP_FUNCTION,
        StatementKind.CREATE_PROCEDURE,
        StatementKind.DROP_PROCEDURE,
        StatementKind.CREATE_TRIGGER,
        StatementKind.ALTER_TRIGGER,
        StatementKind.DROP_TRIGGER,
        StatementKind.DO_BLOCK,
        StatementKind.CALL);
  }

  @Override
  public Map<String, Recognizer> leadWords() {
    return Map.of("do", RoutineRecognizer::doBlock, "call", RoutineRecognizer::call);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of(
        "function",
        RoutineRecognizer::create,
        "procedure",
        RoutineRecognizer::create,
        "trigger",
        TriggerRecognizer::create);
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of(
        "function",
        c -> Shapes.simpleAlter(c, StatementKind.ALTER_FUNCTION),
        "trigger",
        TriggerRecognizer::alter);
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    return Map.of(
        "function",
        c -> Shapes.dropList(c, StatementKind.DROP_FUNCTION),
        "procedure",
        c -> Shapes.dropList(c, StatementKind.DROP_PROCEDURE),
        "trigger",
        TriggerRecognizer::drop);
  }

  @Override
  public void replay(ParsedStatement st, Catalog catalog) {
    RoutineReplay.apply(st, catalog);
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    RoutineLocks.of(st, locks);
  }
}
