package dev.schemagate.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One query of the workload, as written ({@code $1}, {@code $2} … parameters) and as JDBC sends it
 * ({@code ?}), with where each parameter's values come from: the column it is compared with (or
 * assigned to) in a table the query names.
 *
 * @param source where it was written ({@code queries.sql:3}, {@code stats.json top query 2}, {@code
 *     default})
 * @param weight how often it runs relative to the others (calls in a stats file; 1 otherwise)
 */
public record WorkloadQuery(
    String source, String sql, String jdbcSql, List<Parameter> parameters, double weight) {

  /** The values of {@code $n} are sampled from {@code table.column}. */
  public record Parameter(int number, String table, String column) {}

  private static final Pattern DOLLAR = Pattern.compile("\\$(\\d+)");
  private static final Pattern LEFT =
      Pattern.compile(
          "(?:([A-Za-z_][\\w$]*)\\.)?\"?([A-Za-z_][\\w$]*)\"?\\s*(?:=|<>|!=|<=|>=|<|>)\\s*\\$(\\d+)");
  private static final Pattern RIGHT =
      Pattern.compile(
          "\\$(\\d+)\\s*(?:=|<>|!=|<=|>=|<|>)\\s*(?:([A-Za-z_][\\w$]*)\\.)?\"?([A-Za-z_][\\w$]*)\"?");
  private static final Pattern TABLES =
      Pattern.compile(
          "(?i)\\b(?:from|join|update|into)\\s+((?:[A-Za-z_][\\w$]*\\.)?[A-Za-z_][\\w$]*)");

  /**
   * Binds each {@code $n} of {@code sql} to a column of a table it names.
   *
   * @throws RehearsalException naming the parameter and saying how to write it
   */
  public static WorkloadQuery parse(
      String source, String sql, LiveSchema schema, String defaultSchema, double weight) {
    List<LiveTable> named = new ArrayList<>();
    Matcher tm = TABLES.matcher(sql);
    while (tm.find()) {
      schema.table(tm.group(1), defaultSchema).ifPresent(named::add);
    }
    java.util.Map<Integer, String> columnOf = new java.util.TreeMap<>();
    Matcher l = LEFT.matcher(sql);
    while (l.find()) {
      columnOf.putIfAbsent(Integer.parseInt(l.group(3)), l.group(2));
    }
    Matcher r = RIGHT.matcher(sql);
    while (r.find()) {
      columnOf.putIfAbsent(Integer.parseInt(r.group(1)), r.group(3));
    }
    int highest = 0;
    Matcher d = DOLLAR.matcher(sql);
    while (d.find()) {
      highest = Math.max(highest, Integer.parseInt(d.group(1)));
    }
    List<Parameter> params = new ArrayList<>();
    for (int n = 1; n <= highest; n++) {
      String column = columnOf.get(n);
      if (column == null) {
        throw new RehearsalException(
            source
                + ": $"
                + n
                + " is not compared with a column; write it as column = $"
                + n
                + " so its values can be drawn from the data");
      }
      LiveTable table = null;
      for (LiveTable t : named) {
        if (t.column(column).isPresent()) {
          table = t;
          break;
        }
      }
      if (table == null) {
        throw new RehearsalException(
            source
                + ": $"
                + n
                + " is compared with column "
                + column
                + ", which no table the query names has (tables named: "
                + named.stream().map(LiveTable::name).toList()
                + "); name the table in FROM, JOIN or UPDATE");
      }
      params.add(new Parameter(n, table.name(), column));
    }
    return new WorkloadQuery(source, sql.strip(), jdbcSql(sql), params, weight);
  }

  /** {@code $n} → {@code ?} in order: each {@code $n} is bound by position, repeats included. */
  static String jdbcSql(String sql) {
    return DOLLAR.matcher(sql).replaceAll("?");
  }

  /** The parameter numbers in the order {@code ?} appear in {@link #jdbcSql()}. */
  public List<Integer> positions() {
    List<Integer> out = new ArrayList<>();
    Matcher d = DOLLAR.matcher(sql);
    while (d.find()) {
      out.add(Integer.parseInt(d.group(1)));
    }
    return out;
  }

  /**
   * Whether the query only reads (EXPLAIN of anything else does not run it either, but it is shown
   * as a write).
   */
  public boolean reads() {
    return sql.stripLeading()
        .toLowerCase(java.util.Locale.ROOT)
        .matches("(?s)(select|with|table|values)\\b.*");
  }
}
