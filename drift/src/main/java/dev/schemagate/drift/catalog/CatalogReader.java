package dev.schemagate.drift.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the objects of the given schemas from {@code pg_catalog}, the same way on both sides of a
 * comparison (the live database and the replayed one), so that modelling can never differ between
 * them. Definitions are PostgreSQL's own deparsed text ({@code pg_get_constraintdef}, {@code
 * pg_get_indexdef}, {@code pg_get_viewdef}, {@code pg_get_triggerdef}, {@code pg_get_expr}): both
 * sides run the same major version, so equal objects print equally. Objects that belong to an
 * extension, internal triggers (foreign keys' {@code RI_ConstraintTrigger_*}, named by OID) and the
 * clones PostgreSQL makes on partitions of a partitioned table's constraints and triggers are left
 * out. Works on PostgreSQL 14 to 18.
 */
public final class CatalogReader {

  private CatalogReader() {}

  /** Not an extension's member: {@code alias.oid} of catalog {@code catalog}. */
  private static String notFromExtension(String catalog, String alias) {
    return " NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '"
        + catalog
        + "'::regclass AND e.objid = "
        + alias
        + ".oid AND e.deptype = 'e') ";
  }

  private static final String RELATIONS =
      """
      SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition,
             pg_get_partkeydef(c.oid) AS partkey, c.relrowsecurity,
             (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition) AS parent,
             CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
             CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND"""
          + notFromExtension("pg_class", "c");

  private static final String COLUMNS =
      """
      SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
             pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity, a.attgenerated,
             CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
       WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition
         AND a.attnum > 0 AND NOT a.attisdropped AND"""
          + notFromExtension("pg_class", "c");

  private static final String CONSTRAINTS =
      """
      SELECT n.nspname, c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) AS def, k.convalidated
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?) AND k.conparentid = 0 AND"""
          + notFromExtension("pg_class", "c");

  private static final String INDEXES =
      """
      SELECT n.nspname, t.relname AS tbl, i.relname,
             regexp_replace(pg_get_indexdef(x.indexrelid), '^(CREATE (UNIQUE )?INDEX )\\S+ (ON )', '\\1\\3') AS def,
             x.indisvalid, x.indisready
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = i.relnamespace
       WHERE n.nspname = ANY (?) AND"""
          + notFromExtension("pg_class", "t");

  private static final String SEQUENCES =
      """
      SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type, s.seqstart, s.seqincrement, s.seqmin,
             s.seqmax, s.seqcache, s.seqcycle,
             (SELECT dn.nspname || '.' || dc.relname || '.' || da.attname
                FROM pg_depend d JOIN pg_class dc ON dc.oid = d.refobjid JOIN pg_namespace dn ON dn.oid = dc.relnamespace
                JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
               WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                 AND d.deptype IN ('a', 'i') LIMIT 1) AS owned_by
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?) AND"""
          + notFromExtension("pg_class", "c");

  private static final String TRIGGERS =
      """
      SELECT n.nspname, c.relname, g.tgname, pg_get_triggerdef(g.oid) AS def, g.tgenabled
        FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?) AND NOT g.tgisinternal AND g.tgparentid = 0 AND"""
          + notFromExtension("pg_class", "c");

  private static final String FUNCTIONS =
      """
      SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
             pg_get_function_result(p.oid) AS result, p.prokind, l.lanname, p.provolatile, p.prosecdef,
             md5(coalesce(p.prosrc, '') || coalesce(pg_get_function_sqlbody(p.oid), '')) AS body
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
       WHERE n.nspname = ANY (?) AND"""
          + notFromExtension("pg_proc", "p");

  private static final String ENUMS =
      """
      SELECT n.nspname, t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = ANY (?) AND"""
          + notFromExtension("pg_type", "t")
          + " GROUP BY n.nspname, t.typname";

  /** Every compared object of {@code schemas}. */
  public static Catalog read(Connection c, List<String> schemas) throws SQLException {
    List<DbObject> out = new ArrayList<>();
    Array names = c.createArrayOf("text", schemas.toArray());
    query(
        c,
        RELATIONS,
        names,
        rs -> {
          String schema = rs.getString(1);
          String name = rs.getString(2);
          String relkind = rs.getString(3);
          Map<String, String> a = new LinkedHashMap<>();
          if (relkind.equals("v") || relkind.equals("m")) {
            a.put("materialized", Boolean.toString(relkind.equals("m")));
            a.put("definition", rs.getString("viewdef").strip());
            out.add(DbObject.of(ObjectKind.VIEW, schema, null, name, a));
            return;
          }
          a.put("partitioned", Boolean.toString(relkind.equals("p")));
          a.put("foreign", Boolean.toString(relkind.equals("f")));
          a.put("unlogged", Boolean.toString(rs.getString(4).equals("u")));
          a.put("partition key", rs.getString("partkey"));
          a.put("row level security", Boolean.toString(rs.getBoolean("relrowsecurity")));
          if (rs.getBoolean(5)) {
            a.put("partition of", rs.getString("parent"));
            a.put("bound", rs.getString("bound"));
            out.add(DbObject.of(ObjectKind.PARTITION, schema, null, name, a));
          } else {
            out.add(DbObject.of(ObjectKind.TABLE, schema, null, name, a));
          }
        });
    query(
        c,
        COLUMNS,
        names,
        rs -> {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("type", rs.getString("type"));
          a.put("not null", Boolean.toString(rs.getBoolean("attnotnull")));
          a.put("default", rs.getString("dflt"));
          a.put(
              "identity",
              switch (rs.getString("attidentity")) {
                case "a" -> "always";
                case "d" -> "by default";
                default -> null;
              });
          a.put(
              "generated",
              "s".equals(rs.getString("attgenerated"))
                  ? "stored"
                  : "v".equals(rs.getString("attgenerated")) ? "virtual" : null);
          a.put("collation", rs.getString("collation"));
          out.add(
              DbObject.of(ObjectKind.COLUMN, rs.getString(1), rs.getString(2), rs.getString(3), a));
        });
    query(
        c,
        CONSTRAINTS,
        names,
        rs -> {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("definition", rs.getString("def"));
          a.put("validated", Boolean.toString(rs.getBoolean("convalidated")));
          out.add(
              DbObject.of(
                  ObjectKind.CONSTRAINT, rs.getString(1), rs.getString(2), rs.getString(3), a));
        });
    query(
        c,
        INDEXES,
        names,
        rs -> {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("definition", rs.getString("def"));
          a.put("valid", Boolean.toString(rs.getBoolean("indisvalid")));
          a.put("ready", Boolean.toString(rs.getBoolean("indisready")));
          out.add(
              DbObject.of(ObjectKind.INDEX, rs.getString(1), rs.getString(2), rs.getString(3), a));
        });
    query(
        c,
        SEQUENCES,
        names,
        rs -> {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("type", rs.getString("type"));
          a.put("start", rs.getString("seqstart"));
          a.put("increment", rs.getString("seqincrement"));
          a.put("min", rs.getString("seqmin"));
          a.put("max", rs.getString("seqmax"));
          a.put("cache", rs.getString("seqcache"));
          a.put("cycle", Boolean.toString(rs.getBoolean("seqcycle")));
          a.put("owned by", rs.getString("owned_by"));
          out.add(DbObject.of(ObjectKind.SEQUENCE, rs.getString(1), null, rs.getString(2), a));
        });
    query(
        c,
        TRIGGERS,
        names,
        rs -> {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("definition", rs.getString("def"));
          a.put(
              "enabled",
              switch (rs.getString("tgenabled")) {
                case "O" -> "origin";
                case "D" -> "disabled";
                case "R" -> "replica";
                case "A" -> "always";
                default -> rs.getString("tgenabled");
              });
          out.add(
              DbObject.of(
                  ObjectKind.TRIGGER, rs.getString(1), rs.getString(2), rs.getString(3), a));
        });
    query(
        c,
        FUNCTIONS,
        names,
        rs -> {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("returns", rs.getString("result"));
          a.put(
              "kind",
              switch (rs.getString("prokind")) {
                case "p" -> "procedure";
                case "a" -> "aggregate";
                case "w" -> "window";
                default -> "function";
              });
          a.put("language", rs.getString("lanname"));
          a.put(
              "volatility",
              switch (rs.getString("provolatile")) {
                case "i" -> "immutable";
                case "s" -> "stable";
                default -> "volatile";
              });
          a.put("security definer", Boolean.toString(rs.getBoolean("prosecdef")));
          a.put("body md5", rs.getString("body"));
          out.add(DbObject.of(ObjectKind.FUNCTION, rs.getString(1), null, rs.getString(2), a));
        });
    query(
        c,
        ENUMS,
        names,
        rs ->
            out.add(
                DbObject.of(
                    ObjectKind.ENUM,
                    rs.getString(1),
                    null,
                    rs.getString(2),
                    Map.of("labels", rs.getString("labels")))));
    return Catalog.of(out);
  }

  /** The user schemas of the database: not PostgreSQL's own, not schemagate's history. */
  public static List<String> userSchemas(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                """
        SELECT nspname FROM pg_namespace
         WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND nspname <> 'schemagate'
         ORDER BY nspname""");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Connection c, String sql, Array schemas, RowReader reader)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setArray(1, schemas);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }
}
