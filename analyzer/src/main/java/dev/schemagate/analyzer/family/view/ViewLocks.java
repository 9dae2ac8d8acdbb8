package dev.schemagate.analyzer.family.view;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ACCESS_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.EXCLUSIVE;

import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;

/**
 * The locks of view statements (traced on 14-18): CREATE, ALTER and DROP take ACCESS EXCLUSIVE on
 * the view, CREATE reads the query's relations under ACCESS SHARE, and a materialized view's query
 * runs at CREATE and at REFRESH (CONCURRENTLY: EXCLUSIVE, reads go on).
 */
final class ViewLocks {

  private ViewLocks() {}

  static void of(ParsedStatement st, StatementLocks locks) {
    switch (st.kind()) {
      case CREATE_VIEW -> create(st, locks, RelationKind.VIEW);
      case CREATE_MATERIALIZED_VIEW -> create(st, locks, RelationKind.MATERIALIZED_VIEW);
      case DROP_VIEW, DROP_MATERIALIZED_VIEW -> locks.lockAll(st.relations(), ACCESS_EXCLUSIVE);
      case ALTER_VIEW, ALTER_MATERIALIZED_VIEW -> locks.lockTarget(ACCESS_EXCLUSIVE);
      case REFRESH_MATERIALIZED_VIEW -> refresh(st, locks);
      default -> throw new IllegalArgumentException("not a view statement: " + st.kind());
    }
  }

  private static void create(ParsedStatement st, StatementLocks locks, RelationKind kind) {
    if (st.target() == null) {
      return;
    }
    String view = locks.q(st.target());
    boolean exists =
        locks.catalog().kindOf(st.target()) != RelationKind.UNKNOWN || locks.isNew(view);
    if (st.has(Flag.IF_NOT_EXISTS) && exists) {
      locks.note("IF NOT EXISTS and " + view + " exists: no-op");
      return;
    }
    locks.lock(view, ACCESS_EXCLUSIVE);
    if (!exists) {
      locks.created(view);
    } else if (st.has(Flag.OR_REPLACE)) {
      locks.note(
          "CREATE OR REPLACE VIEW on an existing view: ACCESS EXCLUSIVE on the view blocks its readers");
    }
    for (QualifiedName r : st.relations()) {
      String rel = locks.q(r);
      if (!rel.equals(view)) {
        locks.lock(rel, ACCESS_SHARE);
      }
    }
    if (kind == RelationKind.MATERIALIZED_VIEW && !st.has(Flag.WITH_NO_DATA)) {
      locks.scan(st.relations().size() > 1); // relations() = the view, then what its query reads
      locks.note("the materialized view's query runs now, reading its sources under ACCESS SHARE");
    }
  }

  private static void refresh(ParsedStatement st, StatementLocks locks) {
    boolean concurrently = st.has(Flag.CONCURRENTLY);
    locks.lockTarget(concurrently ? EXCLUSIVE : ACCESS_EXCLUSIVE);
    boolean scan = !st.has(Flag.WITH_NO_DATA);
    locks.scan(scan);
    if (scan && st.target() != null) {
      // the view's query runs again: its relations are read under ACCESS SHARE (traced on 14-18);
      // WITH NO DATA only empties the view and reads nothing
      locks.catalog().viewSources(st.target()).forEach(r -> locks.lock(r, ACCESS_SHARE));
    }
    locks.note(
        concurrently
            ? "REFRESH … CONCURRENTLY: EXCLUSIVE (reads continue, writes blocked); needs a unique index"
            : "REFRESH MATERIALIZED VIEW: ACCESS EXCLUSIVE for the whole query: reads of the view are blocked");
  }
}
