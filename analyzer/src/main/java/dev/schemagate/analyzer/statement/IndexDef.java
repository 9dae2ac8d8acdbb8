package dev.schemagate.analyzer.statement;

import java.util.List;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING method]
 * (…) [INCLUDE (…)] [WHERE …]}.
 *
 * @param name the index name (schema-less, as PostgreSQL puts it in the table's schema), or null
 * @param columns the key columns that are plain column names, in order; expression keys appear as
 *     their text
 * @param method the access method ({@code btree} when not written)
 * @param predicate the partial-index WHERE clause, or null
 */
public record IndexDef(
    String name,
    QualifiedName table,
    boolean unique,
    List<String> columns,
    String method,
    String predicate,
    boolean only) {

  public IndexDef {
    columns = List.copyOf(columns);
  }
}
