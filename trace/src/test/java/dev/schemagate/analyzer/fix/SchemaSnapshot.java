package dev.schemagate.analyzer.fix;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A database's schema as sorted text lines, read from the catalog: what {@code pg_dump
 * --schema-only} would show, for comparing two databases. (The embedded PostgreSQL builds carry no
 * pg_dump, and Debian 12's only postgresql-client is 15, whose pg_dump refuses servers 16–18.)
 *
 * <p>Every object of every schema but the system ones: schemas, relations with their kind,
 * persistence, partition key and bound; columns with type, nullability, default, identity,
 * generation and collation; constraints via {@code pg_get_constraintdef} (with their names and
 * whether they are validated); indexes via {@code pg_get_indexdef} (and validity); triggers via
 * {@code pg_get_triggerdef}; views and materialized views via {@code pg_get_viewdef}; sequences
 * with their parameters; functions and procedures via {@code pg_get_functiondef}; enum labels,
 * domains, extensions, row-level security policies and comments. Object identifiers never appear,
 * so two databases built by the same statements give the same lines.
 */
final class SchemaSnapshot {

  private static final String USER_NS =
      "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
          + " AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'";

  private static final List<String> QUERIES =
      List.of(
          "SELECT 'schema', n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE "
              + USER_NS,
          "SELECT 'relation', n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity,"
              + " pg_get_partkeydef(c.oid), pg_get_expr(c.relpartbound, c.oid)"
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE "
              + USER_NS
              + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')",
          "SELECT 'column', n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
              + " pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, co.collname, a.attnum"
              + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
              + " LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100"
              + " WHERE "
              + USER_NS
              + " AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')",
          "SELECT 'constraint', n.nspname, coalesce(c.relname, t.typname), k.conname, k.contype, pg_get_constraintdef(k.oid),"
              + " k.convalidated, k.condeferrable, k.condeferred"
              + " FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace"
              + " LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid WHERE "
              + USER_NS,
          "SELECT 'index', n.nspname, c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisprimary"
              + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE "
              + USER_NS,
          "SELECT 'trigger', n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled"
              + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE "
              + USER_NS
              + " AND NOT t.tgisinternal",
          "SELECT 'view', n.nspname, c.relname, pg_get_viewdef(c.oid)"
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
              + USER_NS
              + " AND c.relkind IN ('v', 'm')",
          "SELECT 'sequence', s.schemaname, s.sequencename, s.data_type, s.start_value, s.min_value, s.max_value,"
              + " s.increment_by, s.cycle, s.cache_size FROM pg_sequences s"
              + " WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')",
          "SELECT 'function', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,"
              + " CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END"
              + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
              + USER_NS
              + " AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
          "SELECT 'enum', n.nspname, t.typname, e.enumlabel, e.enumsortorder"
              + " FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace",
          "SELECT 'domain', n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault"
              + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE "
              + USER_NS
              + " AND t.typtype = 'd'",
          "SELECT 'extension', e.extname, e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace",
          "SELECT 'policy', p.schemaname, p.tablename, p.policyname, p.permissive, p.roles::text, p.cmd, p.qual, p.with_check"
              + " FROM pg_policies p",
          "SELECT 'comment', c.relname, d.objsubid, d.description FROM pg_description d"
              + " JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
              + USER_NS);

  private SchemaSnapshot() {}

  /** The schema of the database {@code c} is connected to, one sorted line per object or column. */
  static List<String> of(Connection c) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (String q : QUERIES) {
        try (ResultSet rs = s.executeQuery(q)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              if (i > 1) {
                line.append(" | ");
              }
              line.append(rs.getString(i));
            }
            lines.add(line.toString());
          }
        }
      }
    }
    Collections.sort(lines);
    return lines;
  }
}
