package dev.schemagate.rehearsal;

import java.util.List;
import java.util.Optional;

/**
 * A table of the rehearsal's database after the replay: what the filler and the default workload
 * need to know about it.
 *
 * @param name schema-qualified and quoted as needed ({@code public.orders})
 * @param primaryKey the primary key's columns, in key order (empty when it has none)
 */
public record LiveTable(
    String name, List<LiveColumn> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {

  public LiveTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    foreignKeys = List.copyOf(foreignKeys);
  }

  public Optional<LiveColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<ForeignKey> foreignKey(String column) {
    return foreignKeys.stream().filter(f -> f.column().equals(column)).findFirst();
  }

  /** The unqualified name. */
  public String simpleName() {
    return name.substring(name.indexOf('.') + 1);
  }
}
