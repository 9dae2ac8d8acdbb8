package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts policies see under {@code check --trace}: for each statement PostgreSQL ran, the traced
 * rewrite, scan and transactional facts and the traced locks (the static locks for a database-wide
 * VACUUM or REINDEX, whose locks are not observed); the static facts, with a note, for statements
 * that were not traced or failed.
 */
public final class TracedFacts {

  private final Map<String, Tracer.Entry> byPosition = new HashMap<>();

  public TracedFacts(Tracer.Report report) {
    for (Tracer.FileTrace file : report.files()) {
      for (Tracer.Entry e : file.statements()) {
        SqlStatement src = e.traced().facts().statement().source();
        byPosition.put(file.path() + "@" + src.startOffset(), e);
      }
    }
  }

  /** The facts to evaluate for a file's statements, in order. */
  public List<StatementFacts> facts(String path, List<StatementFacts> staticFacts) {
    List<StatementFacts> out = new ArrayList<>(staticFacts.size());
    for (StatementFacts f : staticFacts) {
      Tracer.Entry e = byPosition.get(path + "@" + f.statement().source().startOffset());
      if (e == null || e.traced().failed() || !e.modelled()) {
        List<String> notes = new ArrayList<>(f.notes());
        notes.add(
            e == null
                ? "not traced: static facts"
                : e.traced().failed()
                    ? "failed on PostgreSQL (" + e.traced().error() + "): static facts"
                    : "not modelled: static facts");
        out.add(
            new StatementFacts(
                f.statement(),
                f.locks(),
                f.rewrite(),
                f.scan(),
                f.transactional(),
                f.newRelations(),
                f.versionError(),
                notes));
        continue;
      }
      StatementFacts t = e.traced().facts();
      // Locks outside a transaction block are read at each commit (LockRecorder), as exact as those
      // read before a rollback; only a database-wide VACUUM or REINDEX is not observed and keeps
      // the static locks.
      boolean observed = e.traced().locksObserved();
      List<String> notes = new ArrayList<>(t.notes());
      notes.add("traced on PostgreSQL");
      out.add(
          new StatementFacts(
              f.statement(),
              observed ? t.locks() : f.locks(),
              t.rewrite(),
              t.scan(),
              t.transactional(),
              observed ? t.newRelations() : f.newRelations(),
              t.versionError(),
              notes));
    }
    return out;
  }
}
