package dev.schemagate.analyzer.family.type;

import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.ParsedStatement;

/**
 * Types and domains lock no table the model knows of: ALTER TYPE … ADD VALUE changes the catalog
 * only; what a domain constraint checks (every column of that domain) is not tracked.
 */
final class TypeLocks {

  private TypeLocks() {}

  static void of(ParsedStatement st, StatementLocks locks) {
    switch (st.kind()) {
      case ALTER_TYPE -> {
        if (st.actions().stream().anyMatch(a -> a.kind() == ActionKind.ADD_ENUM_VALUE)) {
          locks.note(
              "ALTER TYPE … ADD VALUE may run in a transaction block (PG 12+), but the new value cannot be used"
                  + " until that transaction commits");
        }
      }
      case ALTER_DOMAIN -> {
        if (st.detail(DomainChange.class).map(DomainChange::checksStoredValues).orElse(false)) {
          locks.note(
              "ALTER DOMAIN … ADD/VALIDATE CONSTRAINT or SET NOT NULL checks every column of this domain in"
                  + " every table: not modelled (tables using the domain are not tracked)");
        }
      }
      default -> {
        // CREATE/DROP TYPE and DOMAIN: catalog rows only
      }
    }
  }
}
