package dev.schemagate.operations;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.repo.TrackConfig;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import java.util.List;
import java.util.Optional;

/**
 * What an operation reads: the track's catalog as its history leaves it (every version replayed),
 * the track's settings and the version number being written.
 */
public record OperationContext(TrackConfig track, Catalog catalog, int version) {

  /**
   * The table, or why it cannot be used: never created in the replayed history, or its columns are
   * not known.
   */
  public CatalogTable table(String name) {
    CatalogTable t =
        catalog
            .table(Catalog.parseName(name))
            .orElseThrow(
                () ->
                    new OperationException(
                        "table "
                            + name
                            + " is not in track "
                            + track.name()
                            + " as its history leaves it (versions before "
                            + version
                            + "); give the name as the migrations create it"));
    if (!t.columnsKnown() || catalog.alteredByCode(t.qualifiedName())) {
      throw new OperationException(
          "the columns of table "
              + t.qualifiedName()
              + " are not known from track "
              + track.name()
              + "'s history (created by CREATE TABLE AS, or altered in a DO block); write this change by hand");
    }
    return t;
  }

  public CatalogColumn column(CatalogTable table, String column) {
    return table
        .column(column)
        .orElseThrow(
            () ->
                new OperationException(
                    "table "
                        + table.qualifiedName()
                        + " has no column "
                        + column
                        + " (it has "
                        + String.join(", ", table.columns().keySet())
                        + ")"));
  }

  public void requireAbsent(CatalogTable table, String column) {
    if (table.column(column).isPresent()) {
      throw new OperationException(
          "table " + table.qualifiedName() + " already has a column " + column);
    }
  }

  /** The table's primary key, if it has one. */
  public Optional<CatalogConstraint> primaryKey(CatalogTable table) {
    return table.constraints().stream()
        .filter(c -> c.type() == ConstraintType.PRIMARY_KEY)
        .findFirst();
  }

  /** The primary key's columns, which a backfill walks; refused when the table has none. */
  public List<String> backfillKey(CatalogTable table) {
    return primaryKey(table)
        .map(CatalogConstraint::columns)
        .orElseThrow(
            () ->
                new OperationException(
                    "table "
                        + table.qualifiedName()
                        + " has no primary key for the backfill to walk in batches; add one first"));
  }

  public List<CatalogIndex> indexes(CatalogTable table) {
    return catalog.indexesOn(table.qualifiedName());
  }

  /**
   * Whether the runner sets lock_timeout itself; otherwise every generated phase sets it
   * (lock/missing-lock-timeout).
   */
  public boolean phasesSetLockTimeout() {
    return !track.policy().runnerSetsLockTimeout();
  }

  /** A relation name as SQL: unqualified when it lives in the track's default schema. */
  public String tableSql(CatalogTable table) {
    return table.schema().equals(catalog.defaultSchema())
        ? Sql.ident(table.name())
        : Sql.ident(table.schema()) + "." + Sql.ident(table.name());
  }

  public String tableSql(String qualified) {
    int dot = qualified.indexOf('.');
    String schema = qualified.substring(0, dot);
    String name = qualified.substring(dot + 1);
    return schema.equals(catalog.defaultSchema())
        ? Sql.ident(name)
        : Sql.ident(schema) + "." + Sql.ident(name);
  }

  /** A name not used by any relation (index, table, sequence) in the table's schema. */
  public String freeRelationName(CatalogTable table, String wanted) {
    return free(
        wanted,
        c ->
            catalog.table(table.schema() + "." + c).isPresent()
                || catalog.index(Catalog.parseName(table.schema() + "." + c)).isPresent());
  }

  /** How the version's files name it in their headers: {@code orders@12}. */
  public String label() {
    return track.name() + "@" + version;
  }

  /** {@code track@(version + offset)}, for an operation that writes several versions. */
  public String label(int offset) {
    return track.name() + "@" + (version + offset);
  }

  /** A column name not used on the table. */
  public String freeColumnName(CatalogTable table, String wanted) {
    return free(wanted, c -> table.column(c).isPresent());
  }

  private static String free(String wanted, java.util.function.Predicate<String> taken) {
    String candidate = wanted;
    int n = 0;
    while (taken.test(candidate)) {
      n++;
      candidate = Sql.name(wanted, String.valueOf(n));
    }
    return candidate;
  }

  /** A constraint name not used on the table. */
  public String freeConstraintName(CatalogTable table, String wanted) {
    return free(wanted, c -> table.constraint(c).isPresent());
  }
}
