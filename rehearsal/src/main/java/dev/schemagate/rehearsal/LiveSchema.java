package dev.schemagate.rehearsal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of one schema read from the catalog of the rehearsal's database once the base is
 * replayed: the database PostgreSQL built is the truth, so the filler needs no model of its own.
 */
public final class LiveSchema {

  private final Map<String, LiveTable> tables;

  private LiveSchema(Map<String, LiveTable> tables) {
    this.tables = tables;
  }

  /** A schema of the given tables (for callers that built them themselves). */
  public static LiveSchema of(List<LiveTable> tables) {
    Map<String, LiveTable> map = new LinkedHashMap<>();
    tables.forEach(t -> map.put(t.name(), t));
    return new LiveSchema(map);
  }

  public static LiveSchema read(Connection c, String schema) throws SQLException {
    Map<String, LiveTable> tables = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    for (String name : names) {
      tables.put(qualified(schema, name), table(c, schema, name));
    }
    return new LiveSchema(tables);
  }

  private static String qualified(String schema, String regclass) {
    return regclass.contains(".") ? regclass : schema + "." + regclass;
  }

  private static LiveTable table(Connection c, String schema, String regclass) throws SQLException {
    Set<String> unique = new HashSet<>();
    List<String> pk = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.indisprimary, array_agg(a.attname::text ORDER BY k.ord)"
                + " FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ?::regclass AND i.indisunique AND i.indpred IS NULL GROUP BY i.indexrelid, i.indisprimary")) {
      ps.setString(1, regclass);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] cols = (String[]) rs.getArray(2).getArray();
          if (rs.getBoolean(1)) {
            pk.addAll(List.of(cols));
          }
          if (cols.length == 1) {
            unique.add(cols[0]);
          } else if (cols.length > 1) {
            unique.add(cols[0]); // the filler makes a composite key unique through its first column
          }
        }
      }
    }
    List<ForeignKey> fks = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.attname, f.confrelid::regclass::text, pa.attname FROM pg_constraint f"
                + " JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]"
                + " JOIN pg_attribute pa ON pa.attrelid = f.confrelid AND pa.attnum = f.confkey[1]"
                + " WHERE f.conrelid = ?::regclass AND f.contype = 'f' AND cardinality(f.conkey) = 1")) {
      ps.setString(1, regclass);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fks.add(
              new ForeignKey(rs.getString(1), qualified(schema, rs.getString(2)), rs.getString(3)));
        }
      }
    }
    List<LiveColumn> columns = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, t.typtype = 'e',"
                + " a.attnotnull, a.atthasdef, CASE WHEN a.atttypmod > 4 AND t.typname IN ('varchar', 'bpchar') THEN a.atttypmod - 4 ELSE -1 END,"
                + " a.attidentity <> '', a.attgenerated <> '', pg_get_serial_sequence(?, a.attname)"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      ps.setString(1, regclass);
      ps.setString(2, regclass);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          columns.add(
              new LiveColumn(
                  name,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getBoolean(4),
                  rs.getBoolean(5),
                  rs.getBoolean(6),
                  unique.contains(name),
                  rs.getInt(7),
                  rs.getBoolean(8),
                  rs.getBoolean(9),
                  rs.getString(10)));
        }
      }
    }
    return new LiveTable(qualified(schema, regclass), columns, pk, fks);
  }

  public List<LiveTable> tables() {
    return List.copyOf(tables.values());
  }

  /** {@code orders} or {@code public.orders}. */
  public Optional<LiveTable> table(String name, String schema) {
    String n = name.contains(".") ? name : schema + "." + name;
    return Optional.ofNullable(tables.get(n));
  }

  /**
   * Parents before children (foreign keys), so every referenced row exists when a child row is
   * inserted.
   */
  public List<LiveTable> fillOrder() {
    List<LiveTable> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    for (LiveTable t : tables.values()) {
      visit(t, out, done, visiting);
    }
    return out;
  }

  private void visit(LiveTable t, List<LiveTable> out, Set<String> done, Set<String> visiting) {
    if (done.contains(t.name()) || !visiting.add(t.name())) {
      return; // a cycle: its first table is filled first and the foreign key of the other side
      // stays unmatched
    }
    for (ForeignKey fk : t.foreignKeys()) {
      LiveTable parent = tables.get(fk.parentTable());
      if (parent != null && !parent.name().equals(t.name())) {
        visit(parent, out, done, visiting);
      }
    }
    done.add(t.name());
    out.add(t);
  }
}
