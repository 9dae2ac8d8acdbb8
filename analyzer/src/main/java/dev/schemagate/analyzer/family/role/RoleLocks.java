package dev.schemagate.analyzer.family.role;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_SHARE;

import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;

/**
 * Roles and privileges change catalog rows; only PostgreSQL 18 locks the relations a GRANT names.
 */
final class RoleLocks {

  private RoleLocks() {}

  static void of(ParsedStatement st, StatementLocks locks) {
    if (st.kind() != StatementKind.GRANT && st.kind() != StatementKind.REVOKE) {
      return; // roles and default privileges: no table lock
    }
    String type = st.detail(GrantObject.class).map(GrantObject::objectType).orElse("");
    if (locks.version() >= 18 && (type.equals("table") || type.equals("sequence"))) {
      // PostgreSQL 18 locks each named relation while it changes its privileges (traced).
      locks.lockAll(
          st.relations().isEmpty() && st.target() != null ? List.of(st.target()) : st.relations(),
          ACCESS_SHARE);
      locks.note("PG 18: GRANT/REVOKE on a relation takes ACCESS SHARE on it");
    } else {
      locks.note("privileges change in the catalog only: no table lock");
    }
  }
}
