package dev.schemagate.analyzer.family.routine;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_ROW_EXCLUSIVE;

import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;
import java.util.Optional;

/**
 * The locks of routine statements: functions and procedures lock no table; a trigger locks its
 * table (CREATE SHARE ROW EXCLUSIVE, ALTER and DROP ACCESS EXCLUSIVE; traced on 14-18); a DO
 * block's or a called procedure's body is not analysed.
 */
final class RoutineLocks {

  private RoutineLocks() {}

  static void of(ParsedStatement st, StatementLocks locks) {
    switch (st.kind()) {
      case CREATE_TRIGGER, ALTER_TRIGGER, DROP_TRIGGER -> trigger(st, locks);
      case DO_BLOCK, CALL ->
          locks.note("the body is not analysed: its statements' locks are unknown");
      default -> {
        // CREATE/ALTER/DROP FUNCTION and PROCEDURE: catalog rows only, no table lock
      }
    }
  }

  private static void trigger(ParsedStatement st, StatementLocks locks) {
    String name = st.detail(Trigger.class).map(Trigger::name).orElse(null);
    if (st.kind() == StatementKind.DROP_TRIGGER && st.has(Flag.IF_EXISTS) && st.target() != null) {
      Optional<Boolean> known = locks.catalog().hasTrigger(st.target(), name);
      if (known.isEmpty()) {
        locks.note(name + " on " + locks.q(st.target()) + LockModel.ASSUMED_TO_EXIST);
      } else if (!known.get()) {
        // PostgreSQL only notices "does not exist, skipping" and keeps no lock (traced on 14-18)
        locks.note(
            "DROP TRIGGER IF EXISTS: "
                + name
                + " does not exist on "
                + locks.q(st.target())
                + " in the replayed history: no-op");
        return;
      }
    }
    List<QualifiedName> names =
        st.relations().isEmpty() && st.target() != null ? List.of(st.target()) : st.relations();
    locks.lockAll(
        names, st.kind() == StatementKind.CREATE_TRIGGER ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE);
    if (st.kind() == StatementKind.CREATE_TRIGGER) {
      locks.note("CREATE TRIGGER: SHARE ROW EXCLUSIVE blocks writes, not reads");
    }
  }
}
