package dev.schemagate.runner.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.analyzer.check.BackfillOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of a backfill's table as the database knows it: column types, and the SQL that walks the
 * key in index order. Keys travel as text (the checkpoint stores them so): one column's value as
 * is, a composite key as a JSON array of the columns' text values. Every bound key is cast back to
 * its column's type, so integer, text, uuid, timestamp… keys all compare natively.
 */
final class KeyColumns {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String table;
  final List<String> columns;
  final List<String> types;

  /** The largest key the walk visits (text form), or null: the walk follows the table's end. */
  final String bound;

  private KeyColumns(String table, List<String> columns, List<String> types, String bound) {
    this.table = table;
    this.columns = columns;
    this.types = types;
    this.bound = bound;
  }

  /**
   * The same key, walked only up to {@code last} (inclusive): every probe below adds {@code key <=
   * last}.
   */
  KeyColumns upTo(String last) {
    return new KeyColumns(table, columns, types, last);
  }

  /** {@code AND key <= ?} (or {@code WHERE …} when {@code first}), when the walk is bounded. */
  private String bounded(boolean first) {
    return bound == null ? "" : (first ? " WHERE " : " AND ") + keyExpr() + " <= " + param();
  }

  /** Binds the bound (when there is one) at {@code index}; returns the next free index. */
  int bindBound(PreparedStatement ps, int index) throws SQLException {
    return bound == null ? index : bind(ps, index, bound);
  }

  /** Reads the key's types and checks that a btree index serves the key order. */
  static KeyColumns resolve(Connection c, BackfillSpec spec) throws SQLException {
    String table = (spec.schema() == null ? "" : quote(spec.schema()) + ".") + quote(spec.table());
    Long oid;
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        oid = rs.getObject(1) == null ? null : rs.getLong(1);
      }
    }
    if (oid == null) {
      throw new BackfillException(
          spec.source() + ": table " + spec.tableName() + " does not exist");
    }
    List<String> types = new ArrayList<>();
    List<Integer> attnums = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT format_type(atttypid, atttypmod), attnum, attnotnull FROM pg_attribute WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
      for (String col : spec.key()) {
        ps.setLong(1, oid);
        ps.setString(2, col);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new BackfillException(
                spec.source() + ": key column " + col + " does not exist in " + spec.tableName());
          }
          if (!rs.getBoolean(3)) {
            throw new BackfillException(
                spec.source()
                    + ": key column "
                    + col
                    + " of "
                    + spec.tableName()
                    + " is nullable; rows whose key is NULL would never be visited (use a NOT NULL key, such as the primary key)");
          }
          types.add(rs.getString(1));
          attnums.add(rs.getInt(2));
        }
      }
    }
    boolean indexed = false;
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        SELECT i.indkey::int2[]
          FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
         WHERE i.indrelid = ? AND am.amname = 'btree' AND i.indpred IS NULL AND i.indisvalid""")) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && !indexed) {
          Short[] cols = (Short[]) rs.getArray(1).getArray();
          indexed = cols.length >= attnums.size();
          for (int i = 0; indexed && i < attnums.size(); i++) {
            indexed = cols[i].intValue() == attnums.get(i);
          }
        }
      }
    }
    if (!indexed) {
      throw new BackfillException(
          spec.source()
              + ": no valid btree index of "
              + spec.tableName()
              + " starts with ("
              + String.join(", ", spec.key())
              + "); without one every batch would scan the table. Create it in the expand phase "
              + "(CREATE INDEX CONCURRENTLY) or name an indexed key");
    }
    List<String> quoted = spec.key().stream().map(KeyColumns::quote).toList();
    return new KeyColumns(table, quoted, List.copyOf(types), null);
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  boolean composite() {
    return columns.size() > 1;
  }

  /** The key as one expression: {@code id} or {@code ROW(a, b)}. */
  String keyExpr() {
    return composite() ? "ROW(" + String.join(", ", columns) + ")" : columns.get(0);
  }

  /**
   * A bound key of the key's type(s): {@code CAST(? AS bigint)} or {@code ROW(CAST(? AS int),
   * CAST(? AS text))}.
   */
  String param() {
    List<String> casts = new ArrayList<>();
    for (String t : types) {
      casts.add("CAST(? AS " + t + ")");
    }
    return composite() ? "ROW(" + String.join(", ", casts) + ")" : casts.get(0);
  }

  /**
   * The key's text form, as the checkpoint stores it. Aliased: an output column named like the key
   * would make {@code ORDER BY id} sort by the text form ("10" < "9"), since ORDER BY resolves a
   * bare name against output columns first.
   */
  String textExpr() {
    if (!composite()) {
      return columns.get(0) + "::text AS schemagate_key";
    }
    return "json_build_array("
        + String.join(", ", columns.stream().map(col -> col + "::text").toList())
        + ")::text AS schemagate_key";
  }

  String orderBy(boolean descending) {
    String dir = descending ? " DESC" : "";
    return String.join(dir + ", ", columns) + dir;
  }

  /** The first key after {@code ?} (or the first key at all when {@code after} is false). */
  String firstKeySql(boolean after) {
    return "SELECT "
        + textExpr()
        + " FROM "
        + table
        + (after ? " WHERE " + keyExpr() + " > " + param() : "")
        + bounded(!after)
        + " ORDER BY "
        + orderBy(false)
        + " LIMIT 1";
  }

  /**
   * The key {@code OFFSET ?} rows from the first key {@code >= ?} (the last key of a batch of
   * offset+1 rows) and the key after it (the next batch's first key).
   */
  String nthKeySql() {
    return "SELECT "
        + textExpr()
        + " FROM "
        + table
        + " WHERE "
        + keyExpr()
        + " >= "
        + param()
        + bounded(false)
        + " ORDER BY "
        + orderBy(false)
        + " OFFSET ? LIMIT 2";
  }

  /**
   * A point read of one whole row through the key's index: the load probe's stand-in for a workload
   * read.
   */
  String probeSql() {
    return "SELECT * FROM " + table + " ORDER BY " + orderBy(false) + " LIMIT 1";
  }

  String lastKeySql() {
    return "SELECT "
        + textExpr()
        + " FROM "
        + table
        + bounded(true)
        + " ORDER BY "
        + orderBy(true)
        + " LIMIT 1";
  }

  String countFromSql() {
    return "SELECT count(*) FROM "
        + table
        + " WHERE "
        + keyExpr()
        + " >= "
        + param()
        + bounded(false);
  }

  /** The batch statement with {@code $1}/{@code $2} replaced by typed JDBC parameters. */
  String batchSql(String statement) {
    return BackfillOptions.replaceRange(statement, n -> param());
  }

  /**
   * Parameter order of {@link #batchSql}: for each {@code $n} in text order, 1 (first key) or 2
   * (last key).
   */
  static List<Integer> parameterOrder(String statement) {
    List<Integer> order = new ArrayList<>();
    BackfillOptions.replaceRange(
        statement,
        n -> {
          order.add(n);
          return "";
        });
    return order;
  }

  /** Binds a key in text form at {@code index}; returns the next free index. */
  int bind(PreparedStatement ps, int index, String key) throws SQLException {
    if (!composite()) {
      ps.setString(index, key);
      return index + 1;
    }
    String[] parts = parts(key);
    if (parts.length != columns.size()) {
      throw new BackfillException(
          "key "
              + key
              + " has "
              + parts.length
              + " parts; the key has "
              + columns.size()
              + " columns");
    }
    for (String p : parts) {
      ps.setString(index++, p);
    }
    return index;
  }

  private static String[] parts(String key) {
    try {
      return JSON.readValue(key, String[].class);
    } catch (JsonProcessingException e) {
      throw new BackfillException(
          "checkpoint key "
              + key
              + " is not a JSON array of the key's columns: "
              + e.getOriginalMessage());
    }
  }

  @Override
  public String toString() {
    return table + " (" + String.join(", ", columns) + ": " + String.join(", ", types) + ")";
  }
}
