package dev.schemagate.analyzer.catalog;

import java.util.List;

/**
 * An index. Indexes live in their table's schema, so {@link #qualifiedName()} uses the table's
 * schema.
 *
 * @param table the indexed table, schema-qualified ({@code public.orders})
 * @param columns key columns in order (expression keys as their text)
 * @param valid false for an index left invalid (e.g. {@code CREATE INDEX ON ONLY} a partitioned
 *     table)
 * @param partial the index has a WHERE predicate
 */
public record CatalogIndex(
    String schema,
    String name,
    String table,
    List<String> columns,
    boolean unique,
    boolean valid,
    boolean partial) {

  public CatalogIndex {
    columns = List.copyOf(columns);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  CatalogIndex withName(String n) {
    return new CatalogIndex(schema, n, table, columns, unique, valid, partial);
  }

  CatalogIndex withTable(String t, String s) {
    return new CatalogIndex(s, name, t, columns, unique, valid, partial);
  }

  CatalogIndex withColumns(List<String> c) {
    return new CatalogIndex(schema, name, table, c, unique, valid, partial);
  }
}
