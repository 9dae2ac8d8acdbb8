package dev.schemagate.analyzer.family.statistics;

import static dev.schemagate.analyzer.facts.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.family.CreateRecognizer;
import dev.schemagate.analyzer.family.Recognizer;
import dev.schemagate.analyzer.family.StatementFamily;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import java.util.Set;

/**
 * Extended statistics: CREATE, ALTER and DROP STATISTICS. Small enough for one class: the
 * recognition, the replay (which table a statistics object is on) and the locks (traced on 14-18:
 * SHARE UPDATE EXCLUSIVE on the table for CREATE and DROP, nothing on it for ALTER).
 */
public final class StatisticsFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_STATISTICS,
        StatementKind.ALTER_STATISTICS,
        StatementKind.DROP_STATISTICS);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of("statistics", StatisticsFamily::create);
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of("statistics", c -> Shapes.simpleAlter(c, StatementKind.ALTER_STATISTICS));
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    return Map.of("statistics", c -> Shapes.dropList(c, StatementKind.DROP_STATISTICS));
  }

  /**
   * {@code CREATE STATISTICS [[IF NOT EXISTS] name] [(kinds)] ON columns | (expressions) FROM
   * table}: the statistics object is the target (none when unnamed, PG 16+), the table a relation.
   */
  private static Draft create(Cursor c, CreatePrefix prefix) {
    c.next();
    Draft d = new Draft(StatementKind.CREATE_STATISTICS);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    if (!c.is("on") && !c.isPunct('(')) {
      d.target(c.qualifiedName());
    }
    int from = c.findTopLevelWord("from");
    if (from < 0) {
      return null;
    }
    c.i = from + 1;
    QualifiedName table = c.qualifiedName();
    if (table == null) {
      return null;
    }
    return d.relation(table).detail(new StatisticsOn(table));
  }

  @Override
  public void replay(ParsedStatement st, Catalog catalog) {
    switch (st.kind()) {
      // relations: the statistics object (the target) and its table
      case CREATE_STATISTICS ->
          st.relations().stream()
              .filter(r -> !r.equals(st.target()))
              .findFirst()
              .ifPresent(table -> catalog.createStatistics(st.target(), table));
      case DROP_STATISTICS -> st.relations().forEach(catalog::dropStatistics);
      default -> {}
    }
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    switch (st.kind()) {
      case CREATE_STATISTICS -> {
        // the relations are the statistics object (the target, not a relation PostgreSQL locks) and
        // its table
        locks.lockAll(
            st.relations().stream().filter(r -> !r.equals(st.target())).toList(),
            SHARE_UPDATE_EXCLUSIVE);
        locks.note(
            "CREATE STATISTICS takes SHARE UPDATE EXCLUSIVE on its table (reads and writes go on);"
                + " it computes nothing: the next ANALYZE does");
      }
      case DROP_STATISTICS -> {
        // traced on PG 14-18: the statistics' table is locked SHARE UPDATE EXCLUSIVE (as ANALYZE
        // does)
        for (QualifiedName stats : st.relations()) {
          locks
              .catalog()
              .statisticsTable(stats)
              .ifPresentOrElse(
                  table -> locks.lock(table, SHARE_UPDATE_EXCLUSIVE),
                  () ->
                      locks.note(
                          "statistics "
                              + stats
                              + " not created by the replayed history: its table (locked"
                              + " SHARE UPDATE EXCLUSIVE) is unknown"));
        }
      }
      default ->
          locks.note("ALTER STATISTICS locks only the statistics object, not its table (traced)");
    }
  }
}
