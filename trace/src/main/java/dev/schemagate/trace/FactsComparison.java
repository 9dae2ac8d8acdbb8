package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the static lock model's facts with the traced ones, field by field.
 *
 * <p>PostgreSQL locks more than the model lists: every index of a table it locks, and the
 * relations the statement itself creates (a serial's sequence, a table's implicit indexes). Those
 * are compared only when the model names them; every other traced relation lock must match the
 * model's mode exactly, and every lock the model lists must have been taken. This holds for
 * statements outside a transaction block too (their locks are read at each commit, see
 * {@link LockRecorder}); only a database-wide VACUUM or REINDEX is not observed at all.
 */
public final class FactsComparison {

  private static final java.util.Set<StatementKind> PLANNED = java.util.EnumSet.of(
      StatementKind.INSERT, StatementKind.INSERT_SELECT, StatementKind.UPDATE, StatementKind.DELETE,
      StatementKind.MERGE, StatementKind.SELECT, StatementKind.COPY);

  private FactsComparison() {}

  /** The differences, one line each; empty when the two agree. */
  public static List<String> differences(StatementFacts expected, TracedStatement traced) {
    List<String> out = new ArrayList<>();
    StatementFacts actual = traced.facts();
    if (expected.versionError() != null || actual.versionError() != null) {
      if (expected.versionError() == null) {
        out.add("version: PostgreSQL rejects the syntax (" + actual.versionError() + "), the model accepts it");
      } else if (actual.versionError() == null) {
        out.add("version: the model rejects the syntax (" + expected.versionError() + "), PostgreSQL accepts it"
            + (traced.failed() ? " (then fails: " + traced.error() + ")" : ""));
      }
      return out;
    }
    if (traced.failed()) {
      out.add("error: PostgreSQL could not run it: " + traced.error());
      return out;
    }
    if (traced.locksObserved()) {
      Map<String, LockMode> model = toMap(expected.locks());
      Map<String, LockMode> real = new LinkedHashMap<>();
      for (RelationLock l : actual.locks()) {
        String kind = traced.relationKinds().getOrDefault(l.relation(), "r");
        // Indexes follow their table; sequences are locked through the columns that own them (nextval:
        // ROW EXCLUSIVE, DROP TABLE: ACCESS EXCLUSIVE), which no other session waits on in practice.
        boolean implied = kind.equals("i") || kind.equals("I") || kind.equals("S")
            || traced.createdByStatement().contains(l.relation());
        if (!implied || model.containsKey(l.relation())) {
          real.put(l.relation(), l.mode());
        }
      }
      for (String rel : new TreeSet<>(union(model, real))) {
        LockMode m = model.get(rel);
        LockMode r = real.get(rel);
        if (m != r) {
          out.add("lock " + rel + ": model " + name(m) + ", PostgreSQL " + name(r));
        }
      }
    }
    if (expected.rewrite() != actual.rewrite()) {
      out.add("rewrite: model " + expected.rewrite() + ", PostgreSQL " + actual.rewrite());
    }
    // A query's sequential scan is the planner's choice on the seeded rows, harmless under the row
    // locks of DML: the model's "scan" for DML means "reads every row by definition" (no WHERE), so
    // only that claim is checked.
    boolean planned = PLANNED.contains(expected.statement().kind()) && !expected.scan();
    if (expected.scan() != actual.scan() && !planned) {
      out.add("scan: model " + expected.scan() + ", PostgreSQL " + actual.scan());
    }
    if (expected.transactional() != actual.transactional()) {
      out.add("transactional: model " + expected.transactional() + ", PostgreSQL " + actual.transactional());
    }
    return out;
  }

  private static Map<String, LockMode> toMap(List<RelationLock> locks) {
    Map<String, LockMode> out = new LinkedHashMap<>();
    for (RelationLock l : locks) {
      out.put(l.relation(), l.mode());
    }
    return out;
  }

  private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>(a.keySet());
    out.addAll(b.keySet());
    return out;
  }

  private static String name(LockMode m) {
    return m == null ? "none" : m.pgName();
  }
}
