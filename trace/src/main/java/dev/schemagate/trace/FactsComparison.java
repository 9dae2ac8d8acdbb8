package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the static lock model's facts with the traced ones, field by field.
 *
 * <p>PostgreSQL locks more than the model lists: every index of a table it locks, and the relations
 * the statement itself creates (a serial's sequence, a table's implicit indexes). Those are
 * compared only when the model names them; every other traced relation lock must match the model's
 * mode exactly, and every lock the model lists must have been taken. This holds for statements
 * outside a transaction block too (their locks are read at each commit, see {@link LockRecorder});
 * only a database-wide VACUUM or REINDEX is not observed at all.
 *
 * <p>A few differences are not the model's to know, and are reported as {@link Result#dependent()}
 * instead of as disagreements, each saying what it depends on:
 *
 * <ul>
 *   <li><b>the rows</b>: a foreign-key check (ROW SHARE on the other table) runs once per written
 *       row; DML that wrote no row on the seeded data took none;
 *   <li><b>the session</b>: timestamp ↔ timestamptz is metadata only under TimeZone UTC, which the
 *       trace pins; the model, not knowing the deploying session, keeps the rewrite ({@link
 *       LockModel#SESSION_TIME_ZONE});
 *   <li><b>the database</b>: an object that IF EXISTS names and the replayed history never created
 *       is assumed to exist by the model ({@link LockModel#ASSUMED_TO_EXIST}), and PostgreSQL
 *       skipped it ("does not exist, skipping").
 * </ul>
 *
 * Each rule needs the model's own note or PostgreSQL's own count or notice, so a real model error
 * of the same shape still counts as a disagreement.
 */
public final class FactsComparison {

  private static final Set<StatementKind> PLANNED =
      EnumSet.of(
          StatementKind.INSERT,
          StatementKind.INSERT_SELECT,
          StatementKind.UPDATE,
          StatementKind.DELETE,
          StatementKind.MERGE,
          StatementKind.SELECT,
          StatementKind.COPY);

  private static final Set<StatementKind> WRITES =
      EnumSet.of(
          StatementKind.INSERT,
          StatementKind.INSERT_SELECT,
          StatementKind.UPDATE,
          StatementKind.DELETE,
          StatementKind.MERGE);

  /**
   * @param differences disagreements: each a bug in the model (or in the trace)
   * @param dependent differences that depend on the rows, the session or objects outside the
   *     replayed history, each line saying which
   */
  public record Result(List<String> differences, List<String> dependent) {
    public Result {
      differences = List.copyOf(differences);
      dependent = List.copyOf(dependent);
    }
  }

  private FactsComparison() {}

  /** The disagreements, one line each; empty when the two agree. */
  public static List<String> differences(StatementFacts expected, TracedStatement traced) {
    return compare(expected, traced).differences();
  }

  public static Result compare(StatementFacts expected, TracedStatement traced) {
    List<String> out = new ArrayList<>();
    List<String> dependent = new ArrayList<>();
    StatementFacts actual = traced.facts();
    if (expected.versionError() != null || actual.versionError() != null) {
      if (expected.versionError() == null) {
        out.add(
            "version: PostgreSQL rejects the syntax ("
                + actual.versionError()
                + "), the model accepts it");
      } else if (actual.versionError() == null) {
        out.add(
            "version: the model rejects the syntax ("
                + expected.versionError()
                + "), PostgreSQL accepts it"
                + (traced.failed() ? " (then fails: " + traced.error() + ")" : ""));
      }
      return new Result(out, dependent);
    }
    if (traced.failed()) {
      out.add("error: PostgreSQL could not run it: " + traced.error());
      return new Result(out, dependent);
    }
    if (traced.locksObserved()) {
      Map<String, LockMode> model = toMap(expected.locks());
      Map<String, LockMode> real = new LinkedHashMap<>();
      for (RelationLock l : actual.locks()) {
        String kind = traced.relationKinds().getOrDefault(l.relation(), "r");
        // Indexes follow their table; sequences are locked through the columns that own them
        // (nextval:
        // ROW EXCLUSIVE, DROP TABLE: ACCESS EXCLUSIVE), which no other session waits on in
        // practice.
        boolean implied =
            kind.equals("i")
                || kind.equals("I")
                || kind.equals("S")
                || traced.createdByStatement().contains(l.relation());
        if (!implied || model.containsKey(l.relation())) {
          real.put(l.relation(), l.mode());
        }
      }
      for (String rel : new TreeSet<>(union(model, real))) {
        LockMode m = model.get(rel);
        LockMode r = real.get(rel);
        if (m == r) {
          continue;
        }
        String line = "lock " + rel + ": model " + name(m) + ", PostgreSQL " + name(r);
        if (noRowWritten(expected, traced)
            && m == LockMode.ROW_SHARE
            && (r == null || r.compareTo(m) < 0)) {
          dependent.add(
              line + " (depends on the rows: no row was written, so no foreign-key check ran)");
        } else if (r == null && skippedUnknown(expected, traced, rel)) {
          dependent.add(
              line
                  + " (depends on the database: the replayed history never created it, PostgreSQL"
                  + " skipped it)");
        } else {
          out.add(line);
        }
      }
    }
    if (expected.rewrite() != actual.rewrite()) {
      String line = "rewrite: model " + expected.rewrite() + ", PostgreSQL " + actual.rewrite();
      if (expected.rewrite() && hasNote(expected, LockModel.SESSION_TIME_ZONE)) {
        dependent.add(line + " (depends on the session: the trace runs with TimeZone UTC)");
      } else {
        out.add(line);
      }
    }
    // A query's sequential scan is the planner's choice on the seeded rows, harmless under the row
    // locks of DML: the model's "scan" for DML means "reads every row by definition" (no WHERE), so
    // only that claim is checked.
    boolean planned = PLANNED.contains(expected.statement().kind()) && !expected.scan();
    if (expected.scan() != actual.scan() && !planned) {
      String line = "scan: model " + expected.scan() + ", PostgreSQL " + actual.scan();
      // A DELETE's foreign-key check scans the referencing table once per deleted row: with none,
      // nothing is scanned (found by the differential fuzzer).
      if (expected.scan()
          && noRowWritten(expected, traced)
          && hasNoteContaining(expected, FK_CHECK_SCANS)) {
        dependent.add(
            line + " (depends on the rows: no row was deleted, so no foreign-key check scanned)");
      } else {
        out.add(line);
      }
    }
    if (expected.transactional() != actual.transactional()) {
      out.add(
          "transactional: model "
              + expected.transactional()
              + ", PostgreSQL "
              + actual.transactional());
    }
    return new Result(out, dependent);
  }

  private static boolean noRowWritten(StatementFacts expected, TracedStatement traced) {
    return WRITES.contains(expected.statement().kind()) && traced.rowsAffected() == 0;
  }

  /**
   * The model assumed {@code rel} exists (its own note) and PostgreSQL said it skipped a missing
   * object.
   */
  private static boolean skippedUnknown(
      StatementFacts expected, TracedStatement traced, String rel) {
    boolean assumed =
        expected.notes().stream()
            .anyMatch(n -> n.contains(LockModel.ASSUMED_TO_EXIST) && n.contains(rel));
    boolean skipped =
        traced.messages().stream().anyMatch(m -> m.contains("does not exist, skipping"));
    return assumed && skipped;
  }

  /**
   * The lock model's note for a DELETE whose foreign-key check scans a referencing table without
   * index.
   */
  static final String FK_CHECK_SCANS = "FOREIGN KEY check scans it";

  private static boolean hasNoteContaining(StatementFacts facts, String part) {
    return facts.notes().stream().anyMatch(n -> n.contains(part));
  }

  private static boolean hasNote(StatementFacts facts, String prefix) {
    return facts.notes().stream().anyMatch(n -> n.startsWith(prefix));
  }

  private static Map<String, LockMode> toMap(List<RelationLock> locks) {
    Map<String, LockMode> out = new LinkedHashMap<>();
    for (RelationLock l : locks) {
      out.put(l.relation(), l.mode());
    }
    return out;
  }

  private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    Set<String> out = new LinkedHashSet<>(a.keySet());
    out.addAll(b.keySet());
    return out;
  }

  private static String name(LockMode m) {
    return m == null ? "none" : m.pgName();
  }
}
