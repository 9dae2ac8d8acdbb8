package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects one statement's facts; keeps the strongest lock per relation in first-taken order. */
final class FactsBuilder {
  private final Map<String, LockMode> locks = new LinkedHashMap<>();
  private final Set<String> notes = new LinkedHashSet<>();
  private final Set<String> createdHere = new LinkedHashSet<>();
  boolean rewrite;
  boolean scan;
  boolean transactional = true;
  String versionError;

  void lock(String relation, LockMode mode) {
    locks.merge(relation, mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
  }

  LockMode lockOn(String relation) {
    return locks.get(relation);
  }

  void note(String note) {
    notes.add(note);
  }

  void created(String relation) {
    createdHere.add(relation);
  }

  void versionError(String error) {
    if (versionError == null) {
      versionError = error;
    }
  }

  StatementFacts build(ParsedStatement statement, Set<String> createdInPhase) {
    List<RelationLock> list = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    for (Map.Entry<String, LockMode> e : locks.entrySet()) {
      list.add(new RelationLock(e.getKey(), e.getValue()));
      if (createdInPhase.contains(e.getKey()) || createdHere.contains(e.getKey())) {
        fresh.add(e.getKey());
      }
    }
    // A rewrite reads every row anyway: scan only reports reads that are not a rewrite (an index
    // built after the rewrite, a constraint checked on the new rows), as the trace does.
    return new StatementFacts(
        statement,
        list,
        rewrite,
        scan && !rewrite,
        transactional,
        fresh,
        versionError,
        new ArrayList<>(notes));
  }
}
