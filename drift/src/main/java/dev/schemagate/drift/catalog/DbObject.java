package dev.schemagate.drift.catalog;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One catalog object as drift compares it: what identifies it and the attributes that must match.
 * Nothing in it depends on OIDs or on the order objects were created in, so the same object read
 * from two databases is equal.
 *
 * @param schema the schema it lives in
 * @param table the table (or partitioned table) it belongs to, for columns, constraints, indexes,
 *     triggers and partitions' parents; null for the others
 * @param name its own name; a function's includes its argument types: {@code touch(integer)}
 * @param attributes attribute name to value, e.g. {@code type -> bigint}; a missing value is "none"
 */
public record DbObject(
    ObjectKind kind,
    String schema,
    String table,
    String name,
    SortedMap<String, String> attributes) {

  public DbObject {
    attributes = new TreeMap<>(attributes);
  }

  public static DbObject of(
      ObjectKind kind, String schema, String table, String name, Map<String, String> attributes) {
    TreeMap<String, String> attrs = new TreeMap<>();
    attributes.forEach((k, v) -> attrs.put(k, v == null ? "none" : v));
    return new DbObject(kind, schema, table, name, attrs);
  }

  /** {@code public.orders.amount}: the schema, the table when it has one, and its own name. */
  public String qualifiedName() {
    return schema + "." + (table == null ? "" : table + ".") + name;
  }

  /** Unique within one database: the kind and the qualified name. */
  public String key() {
    return kind.id() + " " + qualifiedName();
  }

  /**
   * The relation a phase would have to touch to touch this object, schema-qualified as the
   * analyzer's facts name relations: the table for a column, constraint, index or trigger; the
   * object itself for a table, partition, view or sequence; null for functions and enums.
   */
  public String relation() {
    if (table != null) {
      return schema + "." + table;
    }
    return switch (kind) {
      case TABLE, PARTITION, VIEW, SEQUENCE -> schema + "." + name;
      default -> null;
    };
  }
}
