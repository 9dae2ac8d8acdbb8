package dev.schemagate.operations;

import dev.schemagate.analyzer.catalog.CatalogTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape shared by every operation that moves data between columns (rename, type change, split,
 * merge): new columns added beside the old ones, a {@code BEFORE INSERT OR UPDATE} trigger that
 * keeps both shapes right while old and new code run side by side, a batched backfill of the rows
 * written before, and a verification that every row holds what {@code up} gives.
 *
 * <p>The trigger tells the two kinds of writer apart by what they wrote. New columns have no
 * default during the window, so an INSERT that leaves them all NULL came from code of the old shape
 * (the new columns get {@code up(old)}), and one that sets any of them came from code of the new
 * shape (the old columns get {@code down(new)}). An UPDATE that changes the new columns to
 * something other than {@code up(old)} came from new code; one that changes the old columns, from
 * old code; and any write to a row not yet backfilled fills it. The backfill writes exactly {@code
 * up(old)}, which the trigger recognizes and leaves alone. Without {@code down} (a type change: all
 * code uses the old column until the swap) the trigger only copies old into new.
 */
public final class ColumnSync {

  /** A new column: its name, its type as SQL, and how its value follows from the old columns. */
  public record Target(String name, String type, Expr up) {}

  private final OperationContext ctx;
  private final CatalogTable table;
  private final List<String> oldColumns;
  private final List<Target> targets;

  /** One per old column, over the new columns; empty when the sync goes one way only. */
  private final List<Expr> down;

  private final String routine;

  public ColumnSync(
      OperationContext ctx,
      CatalogTable table,
      List<String> oldColumns,
      List<Target> targets,
      List<Expr> down) {
    if (!down.isEmpty() && down.size() != oldColumns.size()) {
      throw new IllegalArgumentException("one down expression per old column");
    }
    this.ctx = ctx;
    this.table = table;
    this.oldColumns = List.copyOf(oldColumns);
    this.targets = List.copyOf(targets);
    this.down = List.copyOf(down);
    this.routine =
        ctx.freeRelationName(table, Sql.name(table.name(), "sync", targets.get(0).name()));
  }

  public String tableSql() {
    return ctx.tableSql(table);
  }

  public String triggerName() {
    return routine;
  }

  private String functionSql() {
    String schema =
        table.schema().equals(ctx.catalog().defaultSchema()) ? "" : Sql.ident(table.schema()) + ".";
    return schema + Sql.ident(routine) + "()";
  }

  private List<Expr> ups() {
    return targets.stream().map(Target::up).toList();
  }

  private List<Expr> newColumns() {
    return targets.stream().map(t -> Expr.column(t.name())).toList();
  }

  private List<Expr> oldColumnExprs() {
    return oldColumns.stream().map(Expr::column).toList();
  }

  /**
   * The assignments of the new columns, one per line, continuation lines indented by {@code
   * indent}.
   */
  private String assignNew(String indent) {
    return targets.stream()
        .map(t -> "NEW." + Sql.ident(t.name()) + " := " + t.up().over("NEW") + ";")
        .collect(Collectors.joining("\n" + indent));
  }

  private String assignOld(String indent) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < oldColumns.size(); i++) {
      out.add("NEW." + Sql.ident(oldColumns.get(i)) + " := " + down.get(i).over("NEW") + ";");
    }
    return String.join("\n" + indent, out);
  }

  /** ADD COLUMN of every target (nullable, no default: see the class comment), re-runnable. */
  public String addColumns() {
    return "ALTER TABLE "
        + tableSql()
        + "\n    "
        + targets.stream()
            .map(t -> "ADD COLUMN IF NOT EXISTS " + Sql.ident(t.name()) + " " + t.type())
            .collect(Collectors.joining(",\n    "));
  }

  public String createFunction() {
    String newRow = Expr.row(newColumns(), "NEW");
    String oldNewRow = Expr.row(newColumns(), "OLD");
    String upRow = Expr.row(ups(), "NEW");
    String oldCols = Expr.row(oldColumnExprs(), "NEW");
    String oldColsBefore = Expr.row(oldColumnExprs(), "OLD");
    String body;
    if (down.isEmpty()) {
      body =
          """
              IF TG_OP = 'INSERT' OR %s IS DISTINCT FROM %s OR %s IS NULL THEN
                  %s
              END IF;
              RETURN NEW;"""
              .formatted(oldCols, oldColsBefore, newRow, assignNew("        "));
    } else {
      body =
          """
              IF TG_OP = 'INSERT' THEN
                  IF %1$s IS NULL THEN
                      -- written by code of the old shape
                      %2$s
                  ELSE
                      -- written by code of the new shape
                      %3$s
                  END IF;
              ELSIF %1$s IS DISTINCT FROM %4$s AND %1$s IS DISTINCT FROM %5$s THEN
                  -- new code changed the new shape
                  %3$s
              ELSIF %6$s IS DISTINCT FROM %7$s OR %1$s IS NULL THEN
                  -- old code changed the old shape, or the row is not backfilled yet
                  %2$s
              END IF;
              RETURN NEW;"""
              .formatted(
                  newRow,
                  assignNew("            "),
                  assignOld("            "),
                  oldNewRow,
                  upRow,
                  oldCols,
                  oldColsBefore);
    }
    return "CREATE OR REPLACE FUNCTION "
        + functionSql()
        + " RETURNS trigger\nLANGUAGE plpgsql AS $$\nBEGIN\n    "
        + body.strip().replace("\n", "\n    ")
        + "\nEND;\n$$";
  }

  public String createTrigger() {
    return "CREATE OR REPLACE TRIGGER "
        + Sql.ident(routine)
        + "\n    BEFORE INSERT OR UPDATE ON "
        + tableSql()
        + "\n    FOR EACH ROW EXECUTE FUNCTION "
        + functionSql();
  }

  public String dropTrigger() {
    return "DROP TRIGGER IF EXISTS " + Sql.ident(routine) + " ON " + tableSql();
  }

  public String dropFunction() {
    return "DROP FUNCTION IF EXISTS " + functionSql();
  }

  private static String keyList(List<String> key) {
    return key.size() == 1 ? Sql.ident(key.get(0)) : "(" + Sql.idents(key) + ")";
  }

  /** The batch statement of the backfill: rows whose new columns do not yet hold up(old). */
  public String backfill() {
    List<String> key = ctx.backfillKey(table);
    String keyOption = key.size() == 1 ? key.get(0) : "\"" + String.join(", ", key) + "\"";
    String tableOption =
        table.schema().equals(ctx.catalog().defaultSchema()) ? table.name() : table.qualifiedName();
    String sets =
        targets.stream()
            .map(t -> Sql.ident(t.name()) + " = " + t.up().over(null))
            .collect(Collectors.joining(",\n       "));
    return "-- schemagate:backfill table="
        + tableOption
        + " key="
        + keyOption
        + "\n"
        + "UPDATE "
        + tableSql()
        + "\n   SET "
        + sets
        + "\n WHERE "
        + keyList(key)
        + " BETWEEN $1 AND $2\n   AND "
        + Expr.row(newColumns(), null)
        + " IS DISTINCT FROM "
        + Expr.row(ups(), null);
  }

  /** Queries that return the first rows not in the new shape, and a missing trigger. */
  public List<String> verify() {
    List<String> key = ctx.backfillKey(table);
    String regclass = Sql.literal(tableSql()) + "::regclass";
    return List.of(
        "-- Rows whose new columns do not hold what the backfill writes (the backfill is incomplete):\n"
            + "SELECT "
            + Sql.idents(key)
            + " FROM "
            + tableSql()
            + "\n WHERE "
            + Expr.row(newColumns(), null)
            + " IS DISTINCT FROM "
            + Expr.row(ups(), null)
            + "\n LIMIT 10",
        "-- The sync trigger must still be in place until the contract removes it:\n"
            + "SELECT 'trigger "
            + routine
            + " is missing' AS problem\n WHERE NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = "
            + regclass
            + " AND tgname = "
            + Sql.literal(routine)
            + ")",
        "-- Indexes of the table that a failed concurrent build left invalid:\n"
            + "SELECT indexrelid::regclass AS invalid_index FROM pg_index WHERE indrelid = "
            + regclass
            + " AND NOT indisvalid");
  }

  /**
   * The query that returns the first rows the new shape cannot give back: {@code down(new)} differs
   * from the old columns, so dropping them at the contract would lose what they hold (e.g. an
   * {@code up} that yields NULL for a NULL part). Only where down expressions are the user's: a
   * rename's round trip is the first query of {@link #verify()} again.
   */
  public String roundTrip() {
    List<String> key = ctx.backfillKey(table);
    return "-- Rows whose old columns the new ones cannot give back (down(new) differs: the contract would lose what\n"
        + "-- they hold; fix the rows, or the up and down expressions):\n"
        + "SELECT "
        + Sql.idents(key)
        + " FROM "
        + tableSql()
        + "\n WHERE "
        + Expr.row(oldColumnExprs(), null)
        + " IS DISTINCT FROM "
        + Expr.row(down, null)
        + "\n LIMIT 10";
  }

  public List<Target> targets() {
    return targets;
  }

  public List<String> oldColumns() {
    return oldColumns;
  }
}
