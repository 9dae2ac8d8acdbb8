package dev.schemagate.rehearsal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code schemagate stats}: reads from a live database what a rehearsal needs and nothing private.
 * Every user table (not the system schemas, not schemagate's own): rows ({@code reltuples}), sizes,
 * TOAST size, dead rows; per column {@code null_frac}, {@code avg_width}, {@code n_distinct} and
 * {@code correlation} from {@code pg_stats} — its values (histogram bounds, most common values)
 * only with {@code withValues}; indexes with definition, size and scans; the top normalized queries
 * of {@code pg_stat_statements} when asked and installed. Reads only; needs no privilege beyond
 * reading the catalog ({@code pg_stats} shows only the columns the user may read).
 */
public final class StatsExport {

  private StatsExport() {}

  /**
   * @param topQueries how many normalized queries to export (0: none, and no {@code top_queries}
   *     key)
   */
  public static StatsFile read(Connection c, boolean withValues, int topQueries)
      throws SQLException {
    List<StatsFile.TableStats> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT n.nspname, c.relname, c.oid,"
                    + " greatest(c.reltuples, 0)::bigint, pg_table_size(c.oid), coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0),"
                    + " coalesce(st.n_dead_tup, 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_stat_user_tables st ON st.relid = c.oid"
                    + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schemagate')"
                    + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1, 2")) {
      while (rs.next()) {
        tables.add(
            new StatsFile.TableStats(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                columns(c, rs.getLong(3), rs.getString(1), rs.getString(2), withValues),
                indexes(c, rs.getLong(3))));
      }
    }
    StatsFile.TopQueries top = topQueries > 0 ? topQueries(c, topQueries) : null;
    String version;
    String database;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT current_setting('server_version'), current_database()")) {
      rs.next();
      version = rs.getString(1);
      database = rs.getString(2);
    }
    return new StatsFile(
        StatsFile.FORMAT,
        StatsFile.VERSION,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        version,
        database,
        withValues,
        tables,
        top);
  }

  private static List<StatsFile.ColumnStats> columns(
      Connection c, long oid, String schema, String table, boolean withValues) throws SQLException {
    List<StatsFile.ColumnStats> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), s.null_frac, s.avg_width,"
                + " s.n_distinct, s.correlation, s.histogram_bounds::text, s.most_common_vals::text, s.most_common_freqs"
                + " FROM pg_attribute a LEFT JOIN pg_stats s ON s.schemaname = ? AND s.tablename = ? AND s.attname = a.attname"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      ps.setLong(3, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> histogram = null;
          List<String> mcv = null;
          List<Double> freqs = null;
          if (withValues) {
            histogram = arrayText(rs.getString(7));
            mcv = arrayText(rs.getString(8));
            java.sql.Array f = rs.getArray(9);
            freqs =
                f == null
                    ? null
                    : Arrays.stream((Object[]) f.getArray())
                        .map(o -> ((Number) o).doubleValue())
                        .toList();
          }
          out.add(
              new StatsFile.ColumnStats(
                  rs.getString(1),
                  rs.getString(2),
                  number(rs, 3),
                  integer(rs, 4),
                  number(rs, 5),
                  number(rs, 6),
                  histogram,
                  mcv,
                  freqs));
        }
      }
    }
    return out;
  }

  private static Double number(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private static Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  /** An anyarray's text form ({@code {a,b,"c d"}}) as its elements' texts. */
  static List<String> arrayText(String text) {
    if (text == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    String body = text.substring(1, text.length() - 1);
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == '\\' && quoted && i + 1 < body.length()) {
        cur.append(body.charAt(++i));
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (!body.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  private static List<StatsFile.IndexStats> indexes(Connection c, long oid) throws SQLException {
    List<StatsFile.IndexStats> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.relname, pg_get_indexdef(i.oid), pg_relation_size(i.oid), coalesce(s.idx_scan, 0)"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.oid"
                + " WHERE x.indrelid = ? ORDER BY 1")) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StatsFile.IndexStats(
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return out;
  }

  private static StatsFile.TopQueries topQueries(Connection c, int n) throws SQLException {
    String schema = null;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'")) {
      if (rs.next()) {
        schema = rs.getString(1);
      }
    }
    if (schema == null) {
      return new StatsFile.TopQueries(
          false,
          "pg_stat_statements is not installed in this database; no top queries"
              + " (CREATE EXTENSION pg_stat_statements with shared_preload_libraries = 'pg_stat_statements' to export them)",
          List.of());
    }
    List<StatsFile.TopQuery> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT query, calls, mean_exec_time FROM "
                + schema
                + ".pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query !~* '^\\s*(begin|commit|rollback|set|show)\\b'"
                + " ORDER BY calls * mean_exec_time DESC LIMIT ?")) {
      ps.setInt(1, n);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StatsFile.TopQuery(
                  rs.getString(1), rs.getLong(2), Math.round(rs.getDouble(3) * 1000) / 1000.0));
        }
      }
    } catch (SQLException e) {
      return new StatsFile.TopQueries(
          false,
          "pg_stat_statements cannot be read: "
              + SyntheticFill.firstLine(e.getMessage())
              + " (is it in shared_preload_libraries?)",
          List.of());
    }
    return new StatsFile.TopQueries(
        true,
        "top "
            + n
            + " by total execution time (calls x mean), constants normalized to $n by PostgreSQL",
        out);
  }
}
