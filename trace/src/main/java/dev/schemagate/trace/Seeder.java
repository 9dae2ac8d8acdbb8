package dev.schemagate.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills empty tables with generated rows so that the statements traced afterwards really scan and
 * rewrite data. Values are derived from each column's type (distinct where the type allows, dates
 * in 2024, foreign keys pointing at an existing parent row, nullable foreign keys left null);
 * columns with a default, identity and generated columns are left to PostgreSQL. A table that
 * cannot be seeded (a constraint the generic rows violate) stays empty and is reported.
 */
final class Seeder {

  static final int ROWS = 1000;

  private static final String TABLES =
      """
      SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.oid >= 16384
        AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      ORDER BY c.oid
      """;

  private static final String COLUMNS =
      """
      SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), t.typcategory, a.attnotnull,
             a.atthasdef, a.attgenerated <> '' OR a.attidentity = 'a', a.atttypid,
             (SELECT quote_ident(fn.nspname) || '.' || quote_ident(fc.relname) || ' ' || quote_ident(fa.attname)
                FROM pg_constraint k JOIN pg_class fc ON fc.oid = k.confrelid
                JOIN pg_namespace fn ON fn.oid = fc.relnamespace
                JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
               WHERE k.conrelid = a.attrelid AND k.contype = 'f' AND k.conkey[1] = a.attnum
                 AND array_length(k.conkey, 1) = 1 LIMIT 1)
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
      """;

  /**
   * Seeds every empty user table not in {@code tried}; returns one message per table that could not
   * be seeded. Every table attempted is added to {@code tried}, so a failure is reported once.
   */
  static List<String> seedEmptyTables(Connection c, java.util.Set<Long> tried) throws SQLException {
    List<String> problems = new ArrayList<>();
    List<long[]> oids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(TABLES)) {
      while (rs.next()) {
        oids.add(new long[] {rs.getLong(1)});
        names.add(rs.getString(2));
      }
    }
    for (int i = 0; i < oids.size(); i++) {
      String table = names.get(i);
      if (!tried.add(oids.get(i)[0]) || !isEmpty(c, table)) {
        continue;
      }
      String insert = insertFor(c, oids.get(i)[0], table);
      try (Statement s = c.createStatement()) {
        s.execute(insert);
        s.execute("ANALYZE " + table);
      } catch (SQLException e) {
        problems.add("could not seed " + table + ": " + firstLine(e.getMessage()));
      }
    }
    return problems;
  }

  private static boolean isEmpty(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT FROM " + table + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static String insertFor(Connection c, long oid, String table) throws SQLException {
    List<String> cols = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String type = rs.getString(2);
          String category = rs.getString(3);
          boolean notNull = rs.getBoolean(4);
          boolean hasDefault = rs.getBoolean(5);
          boolean computed = rs.getBoolean(6);
          long typeOid = rs.getLong(7);
          String fk = rs.getString(8);
          if (computed || hasDefault) {
            continue;
          }
          String value;
          if (fk != null) {
            if (!notNull) {
              continue;
            }
            String[] p = fk.split(" ");
            value =
                "(SELECT "
                    + p[1]
                    + " FROM "
                    + p[0]
                    + " ORDER BY 1 LIMIT 1)"; // min() does not exist for uuid
          } else {
            value = valueFor(type, category, typeOid);
          }
          if (value != null) {
            cols.add(name);
            values.add(value);
          }
        }
      }
    }
    if (cols.isEmpty()) {
      return "INSERT INTO " + table + " SELECT FROM generate_series(1, " + ROWS + ")";
    }
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", cols)
        + ") SELECT "
        + String.join(", ", values)
        + " FROM generate_series(1, "
        + ROWS
        + ") AS g(i)";
  }

  /** A distinct-per-row value of the type where possible; null leaves the column null. */
  static String valueFor(String type, String category, long typeOid) {
    String t = type.toLowerCase(java.util.Locale.ROOT);
    switch (category) {
      case "N":
        return t.startsWith("smallint") ? "(i % 30000)::smallint" : "i::" + type;
      case "S":
        return "i::text::" + type;
      case "B":
        return "(i % 2 = 0)";
      case "D":
        if (t.startsWith("time without")
            || t.equals("time")
            || t.startsWith("time(")
            || t.startsWith("time with")) {
          return "'12:00'::" + type;
        }
        return "('2024-01-01'::date + (i % 365))::" + type;
      case "T":
        return "make_interval(secs => i)";
      case "I":
        return "('10.' || (i / 256) % 256 || '.' || i % 256 || '.0/24')::" + type;
      case "V":
        return "(i % 256)::bit(8)::" + type;
      case "E":
        return "(SELECT enumlabel FROM pg_enum WHERE enumtypid = "
            + typeOid
            + " ORDER BY enumsortorder LIMIT 1)::"
            + type;
      case "A":
        return "'{}'::" + type;
      default:
        if (t.equals("uuid")) {
          return "md5(i::text)::uuid";
        }
        if (t.equals("json") || t.equals("jsonb")) {
          return "('{\"i\": ' || i || '}')::" + type;
        }
        if (t.equals("bytea")) {
          return "convert_to(i::text, 'UTF8')";
        }
        if (t.equals("xml")) {
          return "('<i>' || i || '</i>')::xml";
        }
        return null;
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
