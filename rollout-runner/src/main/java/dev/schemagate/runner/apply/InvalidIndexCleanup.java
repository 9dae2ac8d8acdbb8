package dev.schemagate.runner.apply;

import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A {@code CREATE INDEX CONCURRENTLY} that fails or is killed after its first transaction leaves
 * an INVALID index behind ("If a problem arises while scanning the table … the index is left
 * behind in an invalid state", CREATE INDEX, "Building Indexes Concurrently"). With {@code IF NOT
 * EXISTS} a re-run would then skip it and leave it invalid for good; without, the re-run fails on
 * the name. So before each attempt the runner looks for an invalid index of that name on that
 * table's schema and drops it {@code CONCURRENTLY}, then builds it again.
 */
final class InvalidIndexCleanup {

  private InvalidIndexCleanup() {}

  static boolean applies(ParsedStatement st) {
    return st.kind() == StatementKind.CREATE_INDEX && st.has(Flag.CONCURRENTLY)
        && st.index() != null && st.index().name() != null;
  }

  /** The quoted {@code schema.index} of an INVALID index the statement would create, if there is one. */
  static Optional<String> invalidIndex(Connection c, ParsedStatement st) throws SQLException {
    String table = dev.schemagate.runner.db.PgNames.regclass(st.index().table());
    String sql = """
        SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname)
          FROM pg_index i
          JOIN pg_class ic ON ic.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = ic.relnamespace
         WHERE NOT i.indisvalid
           AND ic.relname = ?
           AND i.indrelid = to_regclass(?)
        """;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, st.index().name());
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }
}
