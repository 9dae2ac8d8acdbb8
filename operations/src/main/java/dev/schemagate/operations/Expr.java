package dev.schemagate.operations;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An expression over a row's columns, written once and used both in a trigger (over {@code NEW})
 * and in a backfill or a verification query (over the table's own columns).
 */
public interface Expr {

  /**
   * The expression over the row named {@code row} ({@code NEW}), or over the table's columns when
   * {@code row} is null.
   */
  String over(String row);

  /** A column as it is. */
  static Expr column(String name) {
    return row -> row == null ? Sql.ident(name) : row + "." + Sql.ident(name);
  }

  /** A column cast to a type. */
  static Expr cast(String name, String type) {
    return row -> "(" + column(name).over(row) + ")::" + type;
  }

  /**
   * An expression the user wrote with bare column names. In a trigger it is evaluated over the row
   * ({@code SELECT … FROM (SELECT NEW.*) r}), so its names resolve exactly as in the backfill.
   */
  static Expr user(String sql) {
    return row ->
        row == null ? "(" + sql + ")" : "(SELECT " + sql + " FROM (SELECT " + row + ".*) AS r)";
  }

  /** {@code ROW(a, b)} of several expressions, for IS DISTINCT FROM over a set of columns. */
  static String row(List<Expr> exprs, String row) {
    return "ROW(" + exprs.stream().map(e -> e.over(row)).collect(Collectors.joining(", ")) + ")";
  }
}
