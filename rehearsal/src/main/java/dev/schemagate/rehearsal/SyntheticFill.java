package dev.schemagate.rehearsal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fills tables with synthetic rows in one {@code INSERT … SELECT … FROM generate_series} each,
 * parents first. Row {@code g} (1..N) gets values computed from {@code g}: unique and key columns
 * take distinct values, a foreign key takes the parent's value of row {@code (g - 1) % parentRows +
 * 1} (so it always matches), NOT NULL columns get a value, nullable ones get nulls in the profile's
 * share; other columns repeat values 1..n_distinct (default 1000); text is short ({@code v123})
 * unless the profile's avg_width says otherwise. Columns of types it cannot make up take their
 * default, or null. A CHECK constraint the values break stops the fill with the constraint's name.
 */
public final class SyntheticFill {

  private final Map<String, FillPlan> plans;

  public SyntheticFill(Map<String, FillPlan> plans) {
    this.plans = plans;
  }

  /**
   * Inserts every plan's rows in {@code order}, then sets sequences past the inserted keys and
   * analyzes.
   */
  public void run(Connection c, List<LiveTable> order, Consumer<String> log) throws SQLException {
    for (LiveTable t : order) {
      FillPlan plan = plans.get(t.name());
      if (plan == null || plan.rows() == 0) {
        continue;
      }
      long t0 = System.nanoTime();
      String sql = insert(plan);
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        for (LiveColumn col : t.columns()) {
          if (col.sequence() != null) {
            s.execute(
                "SELECT setval('"
                    + col.sequence().replace("'", "''")
                    + "', (SELECT coalesce(max("
                    + quote(col.name())
                    + "), 0) + 1 FROM "
                    + t.name()
                    + "), false)");
          }
        }
        s.execute("ANALYZE " + t.name());
      } catch (SQLException e) {
        throw new RehearsalException(
            "filling "
                + t.name()
                + " with "
                + plan.rows()
                + " synthetic rows failed: "
                + firstLine(e.getMessage())
                + "; give the table fewer or no rows (--rows "
                + t.simpleName()
                + "=0) or a default for the column");
      }
      log.accept(
          String.format(
              Locale.ROOT,
              "filled %s with %,d rows in %.1f s",
              t.name(),
              plan.rows(),
              (System.nanoTime() - t0) / 1e9));
    }
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** The INSERT that fills {@code plan}'s table. */
  String insert(FillPlan plan) {
    LiveTable t = plan.table();
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    boolean identity = false;
    for (LiveColumn col : t.columns()) {
      if (col.generated()) {
        continue;
      }
      String v = value(plan, col, "g");
      if (v == null) {
        continue; // its default
      }
      names.add(quote(col.name()));
      values.add(v);
      identity |= col.identity();
    }
    return "INSERT INTO "
        + t.name()
        + " ("
        + String.join(", ", names)
        + ")"
        + (identity ? " OVERRIDING SYSTEM VALUE" : "")
        + " SELECT "
        + String.join(", ", values)
        + " FROM generate_series(1, "
        + plan.rows()
        + ") g";
  }

  /** The value of {@code col} in row {@code g}, or null to leave it to its default. */
  private String value(FillPlan plan, LiveColumn col, String g) {
    var fk = plan.table().foreignKey(col.name());
    if (fk.isPresent()) {
      FillPlan parent = plans.get(fk.get().parentTable());
      if (parent == null || parent.rows() == 0) {
        return col.notNull() ? null : "NULL";
      }
      var parentCol = parent.table().column(fk.get().parentColumn()).orElseThrow();
      String v = base(parent, parentCol, "((" + g + " - 1) % " + parent.rows() + " + 1)");
      return v == null ? null : nulls(plan, col, v);
    }
    String v = base(plan, col, g);
    if (v == null) {
      return col.hasDefault() || !col.notNull()
          ? null
          : "NULL"; // NULL fails with the column's name: said clearly below
    }
    return nulls(plan, col, v);
  }

  private static String nulls(FillPlan plan, LiveColumn col, String v) {
    var f = plan.profile(col.name()).nullFrac();
    if (col.notNull() || col.unique() || f.isEmpty() || f.getAsDouble() <= 0) {
      return v;
    }
    return "CASE WHEN random() < " + f.getAsDouble() + " THEN NULL ELSE " + v + " END";
  }

  /**
   * A non-null value of row {@code g}, cast to the column's type; null for a type it cannot make
   * up.
   */
  private static String base(FillPlan plan, LiveColumn col, String g) {
    String k = g;
    if (!col.unique()) {
      var distinct = plan.profile(col.name()).distinctAmong(plan.rows());
      long d = distinct.isPresent() ? (long) distinct.getAsDouble() : 1000;
      // 1..d: a foreign key the change itself adds then finds its parent rows when the parent holds
      // ids 1..N (N ≥ d)
      k = "((" + g + " - 1) % " + d + " + 1)";
    }
    int width = plan.profile(col.name()).avgWidth().orElse(0);
    String v;
    if (col.isEnum()) {
      v =
          "(enum_range(NULL::"
              + col.type()
              + "))[1 + "
              + g
              + " % cardinality(enum_range(NULL::"
              + col.type()
              + "))]";
      return v;
    }
    switch (col.baseType()) {
      case "int2" -> v = "(" + k + " % 32000)";
      case "int4", "int8", "oid" -> v = k;
      case "numeric", "float4", "float8", "money" -> v = "(" + k + " / 4.0)";
      case "text", "varchar", "bpchar", "citext", "name" -> {
        // short by default, like the codes and names most text columns hold; as wide as the stats
        // say otherwise
        String s = "'v' || " + k;
        if (width > 6) {
          s = "rpad(" + s + ", " + (width - 1) + ", md5(" + k + "::text))";
        }
        v = col.maxLength() > 0 ? "left(" + s + ", " + col.maxLength() + ")" : s;
      }
      case "bool" -> v = "(" + g + " % 2 = 0)";
      case "timestamptz", "timestamp" ->
          v = "(timestamptz '2024-01-01 00:00:00+00' + " + k + " * interval '1 second')";
      case "date" -> v = "(date '2000-01-01' + (" + k + ")::int)";
      case "time", "timetz" -> v = "(time '00:00' + (" + k + " % 86400) * interval '1 second')";
      case "interval" -> v = "(" + k + " * interval '1 second')";
      case "uuid" -> v = "md5(" + k + "::text)::uuid";
      case "json", "jsonb" -> v = "json_build_object('n', " + k + ")";
      case "bytea" -> v = "decode(md5(" + k + "::text), 'hex')";
      case "inet", "cidr" -> v = "('10.0.0.0'::inet + " + k + ")";
      default -> {
        return null;
      }
    }
    return "(" + v + ")::" + col.type();
  }

  static String quote(String identifier) {
    return identifier.matches("[a-z_][a-z0-9_$]*")
        ? identifier
        : "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
