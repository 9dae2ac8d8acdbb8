package dev.schemagate.analyzer.family.sequence;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ACCESS_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_ROW_EXCLUSIVE;

import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.Set;

/**
 * The locks of sequence statements (PostgreSQL "Explicit Locking", "ALTER SEQUENCE"; traced on
 * 14-18).
 */
final class SequenceLocks {

  /**
   * Sub-commands that change the relation itself (ALTER TABLE's lock) rather than the sequence's
   * options.
   */
  private static final Set<ActionKind> RELATION_LEVEL =
      Set.of(
          ActionKind.RENAME_TABLE,
          ActionKind.SET_SCHEMA,
          ActionKind.OWNER_TO,
          ActionKind.SET_LOGGED,
          ActionKind.SET_UNLOGGED);

  private SequenceLocks() {}

  static void of(ParsedStatement st, StatementLocks locks) {
    switch (st.kind()) {
      case CREATE_SEQUENCE -> {
        if (st.target() != null) {
          locks.lock(locks.q(st.target()), ACCESS_EXCLUSIVE);
          locks.created(locks.q(st.target()));
        }
      }
      case ALTER_SEQUENCE -> {
        // options (RESTART, INCREMENT, OWNED BY…) take SHARE ROW EXCLUSIVE: nextval() goes on
        boolean relationLevel =
            st.actions().stream().anyMatch(a -> RELATION_LEVEL.contains(a.kind()));
        locks.lockTarget(relationLevel ? ACCESS_EXCLUSIVE : SHARE_ROW_EXCLUSIVE);
        // OWNED BY table.column opens the table to find the column (traced on 14-18: ACCESS SHARE);
        // OWNED BY NONE locks no table.
        st.detail(OwnedBy.class)
            .map(OwnedBy::column)
            .filter(c -> c.lastIndexOf('.') > 0)
            .ifPresent(
                column -> {
                  String table = column.substring(0, column.lastIndexOf('.'));
                  int dot = table.lastIndexOf('.');
                  locks.lock(
                      locks.q(
                          dot < 0
                              ? QualifiedName.of(table)
                              : new QualifiedName(
                                  table.substring(0, dot), table.substring(dot + 1))),
                      ACCESS_SHARE);
                });
      }
      case DROP_SEQUENCE -> locks.lockAll(st.relations(), ACCESS_EXCLUSIVE);
      default -> throw new IllegalArgumentException("not a sequence statement: " + st.kind());
    }
  }
}
