package dev.schemagate.analyzer.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A table (or a partitioned table, or a partition) as the replayed history left it. Immutable: the
 * catalog replaces the whole value on change, which keeps {@link Catalog#copy()} cheap.
 *
 * @param schema the table's schema
 * @param columnsKnown false when the table was never created in the replayed history (only altered)
 *     or came from {@code CREATE TABLE AS}: a missing column then means "unknown", not "absent"
 * @param partitionOf the parent, schema-qualified, for a partition; else null
 * @param defaultPartition the partition was created (or attached) as {@code DEFAULT}
 */
public record CatalogTable(
    String schema,
    String name,
    Map<String, CatalogColumn> columns,
    List<CatalogConstraint> constraints,
    boolean columnsKnown,
    boolean partitioned,
    String partitionOf,
    boolean defaultPartition,
    boolean unlogged) {

  public CatalogTable {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    constraints = List.copyOf(constraints);
  }

  static CatalogTable placeholder(String schema, String name) {
    return new CatalogTable(schema, name, Map.of(), List.of(), false, false, null, false, false);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  public Optional<CatalogColumn> column(String column) {
    return Optional.ofNullable(columns.get(column));
  }

  public Optional<CatalogConstraint> constraint(String constraintName) {
    return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
  }

  CatalogTable withColumns(Map<String, CatalogColumn> cols) {
    return new CatalogTable(
        schema,
        name,
        cols,
        constraints,
        columnsKnown,
        partitioned,
        partitionOf,
        defaultPartition,
        unlogged);
  }

  CatalogTable withColumn(CatalogColumn column) {
    Map<String, CatalogColumn> cols = new LinkedHashMap<>(columns);
    cols.put(column.name(), column);
    return withColumns(cols);
  }

  CatalogTable mapColumn(String column, UnaryOperator<CatalogColumn> change) {
    CatalogColumn c = columns.get(column);
    return c == null ? this : withColumn(change.apply(c));
  }

  CatalogTable withoutColumn(String column) {
    Map<String, CatalogColumn> cols = new LinkedHashMap<>(columns);
    cols.remove(column);
    List<CatalogConstraint> kept = new ArrayList<>();
    for (CatalogConstraint c : constraints) {
      if (!c.columns().contains(column)) {
        kept.add(c);
      }
    }
    return withColumns(cols).withConstraints(kept);
  }

  CatalogTable withConstraints(List<CatalogConstraint> list) {
    return new CatalogTable(
        schema,
        name,
        columns,
        list,
        columnsKnown,
        partitioned,
        partitionOf,
        defaultPartition,
        unlogged);
  }

  CatalogTable withConstraint(CatalogConstraint constraint) {
    List<CatalogConstraint> list = new ArrayList<>(constraints);
    list.removeIf(c -> c.name().equals(constraint.name()));
    list.add(constraint);
    return withConstraints(list);
  }

  CatalogTable withoutConstraint(String constraintName) {
    List<CatalogConstraint> list = new ArrayList<>(constraints);
    list.removeIf(c -> c.name().equals(constraintName));
    return withConstraints(list);
  }

  CatalogTable renamed(String newSchema, String newName) {
    return new CatalogTable(
        newSchema,
        newName,
        columns,
        constraints,
        columnsKnown,
        partitioned,
        partitionOf,
        defaultPartition,
        unlogged);
  }

  CatalogTable withPartitionOf(String parent, boolean isDefault) {
    return new CatalogTable(
        schema, name, columns, constraints, columnsKnown, partitioned, parent, isDefault, unlogged);
  }

  CatalogTable withUnlogged(boolean v) {
    return new CatalogTable(
        schema,
        name,
        columns,
        constraints,
        columnsKnown,
        partitioned,
        partitionOf,
        defaultPartition,
        v);
  }
}
