package dev.schemagate.runner.apply;

import dev.schemagate.analyzer.family.index.Reindex;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.runner.db.PgNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The INVALID indexes that an interrupted concurrent index build leaves behind, found before each
 * attempt of the statement that would build them again, so that the runner drops them first.
 *
 * <ul>
 *   <li>{@code CREATE INDEX CONCURRENTLY} that fails or is killed after its first transaction
 *       leaves the index INVALID ("the index is left behind in an invalid state", CREATE INDEX,
 *       "Building Indexes Concurrently"). With {@code IF NOT EXISTS} a re-run would skip it and
 *       leave it invalid for good; without, the re-run fails on the name.
 *   <li>{@code REINDEX … CONCURRENTLY} that fails (a lock_timeout while it waits for older
 *       snapshots, a uniqueness violation, a kill) leaves the new copy, suffixed {@code _ccnew}, or
 *       the old one it could not drop, suffixed {@code _ccold}, INVALID beside the index; each
 *       retry would add another ({@code _ccnew1}, …) and every one is still maintained on writes
 *       (REINDEX, "Rebuilding Indexes Concurrently": "drop it using DROP INDEX"). For REINDEX
 *       SCHEMA / DATABASE / SYSTEM the runner does not look (a whole schema's leftovers are not a
 *       phase's to judge).
 * </ul>
 */
final class InvalidIndexCleanup {

  private static final String LEFTOVER_SUFFIX = "_cc(new|old)[0-9]*$";

  private InvalidIndexCleanup() {}

  static boolean applies(ParsedStatement st) {
    if (!st.has(Flag.CONCURRENTLY)) {
      return false;
    }
    if (st.kind() == StatementKind.CREATE_INDEX) {
      return st.index() != null && st.index().name() != null;
    }
    return st.kind() == StatementKind.REINDEX && st.target() != null && reindexOf(st) != null;
  }

  /**
   * What an earlier attempt of the statement may have left: the quoted {@code schema.index} names.
   */
  static List<String> leftovers(Connection c, ParsedStatement st) throws SQLException {
    if (st.kind() == StatementKind.CREATE_INDEX) {
      return query(
          c,
          """
          SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = ic.relnamespace
           WHERE NOT i.indisvalid
             AND ic.relname = ?
             AND i.indrelid = to_regclass(?)
          """,
          st.index().name(),
          PgNames.regclass(st.index().table()));
    }
    String target = PgNames.regclass(st.target());
    boolean index = "index".equals(reindexOf(st));
    // The table (and its TOAST table, whose index REINDEX TABLE rebuilds too) whose indexes to look
    // at; for REINDEX INDEX only the leftovers named after that index.
    String table =
        index
            ? "(SELECT indrelid FROM pg_index WHERE indexrelid = to_regclass(?))"
            : "to_regclass(?)";
    return query(
        c,
        """
        SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname)
          FROM pg_class t
          JOIN pg_index i ON i.indrelid IN (t.oid, t.reltoastrelid)
          JOIN pg_class ic ON ic.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = ic.relnamespace
         WHERE t.oid = %s
           AND NOT i.indisvalid
           AND ic.relname ~ '%s'
           AND (?::text IS NULL OR starts_with(?::text, regexp_replace(ic.relname, '%s', '')))
         ORDER BY ic.relname
        """
            .formatted(table, LEFTOVER_SUFFIX, LEFTOVER_SUFFIX),
        target,
        index ? st.target().name() : null,
        index ? st.target().name() : null);
  }

  /**
   * {@code index} or {@code table} for the REINDEX scopes the runner cleans up after; else null.
   */
  private static String reindexOf(ParsedStatement st) {
    String scope = st.detail(Reindex.class).map(Reindex::scope).orElse(null);
    return "index".equals(scope) || "table".equals(scope) ? scope : null;
  }

  private static List<String> query(Connection c, String sql, String... params)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }
}
