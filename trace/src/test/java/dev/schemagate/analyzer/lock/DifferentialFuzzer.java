package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.trace.FactsComparison;
import dev.schemagate.trace.PgServer;
import dev.schemagate.trace.StatementTracer;
import dev.schemagate.trace.TraceSetup;
import dev.schemagate.trace.TracedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Differential fuzzing of the static lock model against PostgreSQL (issue 13 §3), first version: a
 * generator that knows the seeded schema ({@link LockModelSqlTest#SCHEMA}, replayed into a {@link
 * Catalog}: its tables, columns and their types, indexes, constraints) writes ALTER TABLE
 * statements of one to three actions and index statements; each is analysed statically and executed
 * on an embedded PostgreSQL by the trace ({@link StatementTracer}, rolled back); one statement in
 * ten is of another family (DML, maintenance, views, sequences, enum types, partitions, comments,
 * grants, CREATE TABLE AS, DROP TABLE). Every difference {@link FactsComparison} reports (locks per
 * relation, rewrite, scan, transactional) is a disagreement, reduced to a minimal statement by
 * dropping actions while it persists. Statements PostgreSQL rejects (the seeded rows break a
 * constraint, a type has no cast, …) are counted, not compared.
 *
 * <p>Run by {@code DifferentialFuzzTest} (fixed seed, small budget) and by {@code bench/fuzz.sh
 * --minutes N --seed S} ({@link #main}).
 */
public final class DifferentialFuzzer implements AutoCloseable {

  /** What one run found. */
  public record Report(
      long seed,
      int pgVersion,
      int generated,
      int traced,
      int rejected,
      Map<String, Integer> perShape,
      Map<String, List<String>> disagreements,
      List<String> statements) {

    public String text() {
      StringBuilder out = new StringBuilder();
      out.append("seed ")
          .append(seed)
          .append(", PostgreSQL ")
          .append(pgVersion)
          .append(": ")
          .append(generated)
          .append(" statements generated, ")
          .append(traced)
          .append(" traced, ")
          .append(rejected)
          .append(" rejected by PostgreSQL, ")
          .append(disagreements.size())
          .append(" distinct disagreement(s)\n");
      out.append("shapes: ").append(perShape).append('\n');
      disagreements.forEach(
          (sql, diffs) ->
              out.append("DISAGREE ")
                  .append(sql)
                  .append("\n  ")
                  .append(String.join("\n  ", diffs))
                  .append('\n'));
      return out.toString();
    }
  }

  private static final StatementParser PARSER = new StatementParser();
  private static final List<String> TYPES =
      List.of(
          "int",
          "bigint",
          "smallint",
          "text",
          "varchar(50)",
          "varchar",
          "numeric(12,2)",
          "numeric",
          "timestamptz",
          "timestamp",
          "date",
          "boolean USING NULL",
          "char(3)",
          "jsonb USING NULL");

  private final int pgVersion;
  private final Catalog schema;
  private final PgServer server;
  private final StatementTracer tracer;

  private DifferentialFuzzer(
      int pgVersion, Catalog schema, PgServer server, StatementTracer tracer) {
    this.pgVersion = pgVersion;
    this.schema = schema;
    this.server = server;
    this.tracer = tracer;
  }

  /** Starts PostgreSQL {@code pgVersion} with the seeded schema (and its rows). */
  public static DifferentialFuzzer start(int pgVersion) throws Exception {
    PgServer server = PgServer.start(pgVersion);
    try {
      server.createDatabase("fuzz", null);
      try (Connection c = server.connect("fuzz")) {
        TraceSetup.run(c, LockModelSqlTest.SCHEMA + TracedLockModelMatrixTest.EXTRAS);
        TraceSetup.roles(c, "app", "reporting");
        TraceSetup.tablespace(server, c, "fast_ssd");
        List<String> problems = TraceSetup.seed(c);
        if (!problems.isEmpty()) {
          throw new IllegalStateException("seeding the fuzz database failed: " + problems);
        }
      }
      return new DifferentialFuzzer(
          pgVersion, LockModelSqlTest.schema(), server, new StatementTracer(server, "fuzz"));
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  /** Generates and compares statements until {@code budget} statements or {@code time} is spent. */
  public Report run(long seed, int budget, Duration time) throws Exception {
    Random random = new Random(seed);
    long deadline = System.nanoTime() + time.toNanos();
    int generated = 0;
    int traced = 0;
    int rejected = 0;
    Map<String, Integer> perShape = new TreeMap<>();
    Map<String, List<String>> disagreements = new LinkedHashMap<>();
    List<String> statements = new ArrayList<>();
    while (generated < budget && System.nanoTime() < deadline) {
      Generated g = generate(random);
      generated++;
      statements.add(g.sql());
      perShape.merge(g.shape(), 1, Integer::sum);
      Outcome o = compare(g.sql());
      if (o == null) {
        continue; // the analyzer did not read it as one statement of a known kind: not comparable
      }
      traced++;
      if (o.rejected()) {
        rejected++;
        continue;
      }
      if (!o.differences().isEmpty()) {
        String minimal = reduce(g);
        Outcome m = compare(minimal);
        disagreements.putIfAbsent(
            minimal, m == null || m.differences().isEmpty() ? o.differences() : m.differences());
      }
    }
    return new Report(
        seed, pgVersion, generated, traced, rejected, perShape, disagreements, statements);
  }

  /**
   * A generated statement: its SQL, its actions (for ALTER TABLE, to reduce it), its shape name.
   */
  record Generated(String sql, String prefix, List<String> actions, String shape) {}

  /** The static facts against what PostgreSQL did; null when the statement is not comparable. */
  record Outcome(boolean rejected, List<String> differences) {}

  Outcome compare(String sql) throws Exception {
    List<ParsedStatement> parsed = PARSER.parse(SqlSplitter.split("fuzz.sql", sql));
    if (parsed.size() != 1 || parsed.get(0).kind() == StatementKind.UNPARSED) {
      return null;
    }
    StatementFacts model = new PhaseAnalyzer(pgVersion).run(parsed, schema).facts().get(0);
    TracedStatement traced = tracer.trace(parsed.get(0), Set.of());
    if (traced.failed()) {
      return new Outcome(true, List.of());
    }
    return new Outcome(false, FactsComparison.compare(model, traced).differences());
  }

  /**
   * Drops actions one at a time while the statement still disagrees (and PostgreSQL accepts it).
   */
  String reduce(Generated g) throws Exception {
    List<String> actions = new ArrayList<>(g.actions());
    boolean smaller = true;
    while (smaller && actions.size() > 1) {
      smaller = false;
      for (int i = 0; i < actions.size(); i++) {
        List<String> without = new ArrayList<>(actions);
        without.remove(i);
        Outcome o = compare(g.prefix() + String.join(", ", without));
        if (o != null && !o.rejected() && !o.differences().isEmpty()) {
          actions = without;
          smaller = true;
          break;
        }
      }
    }
    return actions.isEmpty() ? g.sql() : g.prefix() + String.join(", ", actions);
  }

  // ---------------------------------------------------------------- the generator

  Generated generate(Random r) {
    List<CatalogTable> tables =
        schema.tableNames().stream()
            .map(n -> schema.table(n).orElseThrow())
            .filter(
                t ->
                    t.columnsKnown()
                        && !t.columns().isEmpty()
                        && t.partitionOf() == null
                        && !t.partitioned())
            .sorted((a, b) -> a.qualifiedName().compareTo(b.qualifiedName()))
            .toList();
    CatalogTable t = tables.get(r.nextInt(tables.size()));
    int pick = r.nextInt(10);
    if (pick == 0) {
      String col = column(r, t).name();
      boolean concurrently = r.nextBoolean();
      return new Generated(
          "CREATE "
              + (r.nextInt(4) == 0 ? "UNIQUE " : "")
              + "INDEX "
              + (concurrently ? "CONCURRENTLY " : "")
              + "fuzz_idx ON "
              + t.qualifiedName()
              + " ("
              + col
              + ")",
          "",
          List.of(),
          "create_index");
    }
    if (pick == 2) {
      return otherFamily(r, t, column(r, t).name());
    }
    if (pick == 1) {
      List<CatalogIndex> indexes = schema.indexesOn(t.qualifiedName());
      if (!indexes.isEmpty()) {
        CatalogIndex i = indexes.get(r.nextInt(indexes.size()));
        String verb =
            switch (r.nextInt(3)) {
              case 0 -> "DROP INDEX " + i.qualifiedName();
              case 1 -> "REINDEX INDEX " + i.qualifiedName();
              default -> "ALTER INDEX " + i.qualifiedName() + " SET (fillfactor = 80)";
            };
        return new Generated(
            verb, "", List.of(), verb.substring(0, verb.indexOf(' ', 6)).toLowerCase());
      }
    }
    int n = 1 + r.nextInt(3);
    List<String> actions = new ArrayList<>();
    List<String> shapes = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      String[] a = action(r, t, k);
      actions.add(a[1]);
      shapes.add(a[0]);
    }
    String prefix = "ALTER TABLE " + t.qualifiedName() + " ";
    return new Generated(
        prefix + String.join(", ", actions),
        prefix,
        actions,
        "alter_table x" + n + (n == 1 ? " " + shapes.get(0) : ""));
  }

  /**
   * A statement of another family on table {@code t} or on the schema's other objects: DML,
   * maintenance, views and materialized views, sequences, enum types, partitions, comments, grants.
   */
  private static Generated otherFamily(Random r, CatalogTable t, String col) {
    String table = t.qualifiedName();
    String[][] statements = {
      {
        "update",
        "UPDATE " + table + " SET " + col + " = " + col + (r.nextBoolean() ? " WHERE false" : "")
      },
      {
        "delete",
        "DELETE FROM " + table + " WHERE " + (r.nextBoolean() ? "false" : col + " IS NULL")
      },
      {"insert_select", "INSERT INTO " + table + " SELECT * FROM " + table + " WHERE false"},
      {"truncate", "TRUNCATE " + table + (r.nextBoolean() ? " CASCADE" : "")},
      {
        "lock_table",
        "LOCK TABLE "
            + table
            + " IN "
            + List.of("SHARE", "ROW EXCLUSIVE", "ACCESS EXCLUSIVE", "SHARE UPDATE EXCLUSIVE")
                .get(r.nextInt(4))
            + " MODE"
      },
      {"vacuum", "VACUUM " + (r.nextBoolean() ? "(ANALYZE) " : "") + table},
      {"analyze", "ANALYZE " + table},
      {"comment", "COMMENT ON TABLE " + table + " IS 'fuzz'"},
      {"grant", "GRANT SELECT ON " + table + " TO reporting"},
      {"create_view", "CREATE VIEW public.fuzz_view AS SELECT " + col + " FROM " + table},
      {
        "create_materialized_view",
        "CREATE MATERIALIZED VIEW public.fuzz_mv AS SELECT "
            + col
            + " FROM "
            + table
            + (r.nextBoolean() ? " WITH NO DATA" : "")
      },
      {"refresh_materialized_view", "REFRESH MATERIALIZED VIEW public.order_totals"},
      {
        "alter_sequence",
        "ALTER SEQUENCE public.invoice_no "
            + (r.nextBoolean() ? "RESTART WITH 100" : "INCREMENT BY 2")
      },
      {"alter_type", "ALTER TYPE public.mood ADD VALUE 'fuzz" + r.nextInt(100) + "'"},
      {
        "detach_partition",
        "ALTER TABLE public.events DETACH PARTITION public.events_2024"
            + (r.nextBoolean() ? " CONCURRENTLY" : "")
      },
      {"create_index_partitioned", "CREATE INDEX fuzz_events_idx ON public.events (at)"},
      {"create_table_as", "CREATE TABLE public.fuzz_copy AS SELECT * FROM " + table},
      {"drop_table", "DROP TABLE public.legacy"},
    };
    String[] s = statements[r.nextInt(statements.length)];
    return new Generated(s[1], "", List.of(), s[0]);
  }

  private static CatalogColumn column(Random r, CatalogTable t) {
    List<CatalogColumn> cols = new ArrayList<>(t.columns().values());
    return cols.get(r.nextInt(cols.size()));
  }

  /** One ALTER TABLE action on {@code t}: {shape, sql}. */
  private String[] action(Random r, CatalogTable t, int k) {
    CatalogColumn c = column(r, t);
    String col = c.name();
    List<CatalogConstraint> constraints = t.constraints();
    return switch (r.nextInt(14)) {
      case 0 ->
          new String[] {
            "add_column",
            "ADD COLUMN fuzz_c"
                + k
                + " "
                + TYPES.get(r.nextInt(8))
                + (r.nextBoolean() ? " DEFAULT 0" : "")
          };
      case 1 ->
          new String[] {
            "add_column_volatile", "ADD COLUMN fuzz_v" + k + " uuid DEFAULT gen_random_uuid()"
          };
      case 2 ->
          new String[] {
            "add_column_not_null", "ADD COLUMN fuzz_n" + k + " int NOT NULL DEFAULT " + k
          };
      case 3 ->
          new String[] {
            "alter_column_type",
            "ALTER COLUMN " + col + " TYPE " + TYPES.get(r.nextInt(TYPES.size()))
          };
      case 4 -> new String[] {"set_not_null", "ALTER COLUMN " + col + " SET NOT NULL"};
      case 5 -> new String[] {"drop_not_null", "ALTER COLUMN " + col + " DROP NOT NULL"};
      case 6 -> new String[] {"set_default", "ALTER COLUMN " + col + " SET DEFAULT NULL"};
      case 7 ->
          new String[] {
            "add_check",
            "ADD CONSTRAINT fuzz_ck"
                + k
                + " CHECK ("
                + col
                + " IS NOT NULL)"
                + (r.nextBoolean() ? " NOT VALID" : "")
          };
      case 8 -> new String[] {"add_unique", "ADD CONSTRAINT fuzz_uq" + k + " UNIQUE (" + col + ")"};
      case 9 ->
          constraints.isEmpty()
              ? new String[] {"set_statistics", "ALTER COLUMN " + col + " SET STATISTICS 200"}
              : new String[] {
                "validate_constraint",
                "VALIDATE CONSTRAINT " + constraints.get(r.nextInt(constraints.size())).name()
              };
      case 10 -> new String[] {"drop_column", "DROP COLUMN " + col};
      case 11 ->
          new String[] {
            "set_storage",
            "ALTER COLUMN " + col + " SET STORAGE " + (r.nextBoolean() ? "MAIN" : "EXTERNAL")
          };
      case 12 -> new String[] {"set_options", "SET (fillfactor = " + (50 + r.nextInt(50)) + ")"};
      default ->
          new String[] {
            "add_foreign_key",
            "ADD CONSTRAINT fuzz_fk"
                + k
                + " FOREIGN KEY ("
                + col
                + ") REFERENCES public.customers (id)"
                + (r.nextBoolean() ? " NOT VALID" : "")
          };
    };
  }

  @Override
  public void close() throws Exception {
    try {
      tracer.close();
    } finally {
      server.close();
    }
  }

  /**
   * {@code bench/fuzz.sh}: {@code --minutes N} (default 5), {@code --seed S} (default: the time),
   * {@code --pg V} (default 17), {@code --out FILE}; prints and writes the report.
   */
  public static void main(String[] args) throws Exception {
    double minutes = 5;
    long seed = System.currentTimeMillis();
    int pg = 17;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(required(args[i], value));
        case "--seed" -> seed = Long.parseLong(required(args[i], value));
        case "--pg" -> pg = Integer.parseInt(required(args[i], value));
        case "--out" -> out = Path.of(required(args[i], value));
        default ->
            throw new IllegalArgumentException(
                "fuzz: unknown argument "
                    + args[i]
                    + "; usage: bench/fuzz.sh [--minutes N] [--seed S] [--pg 14..18] [--out FILE]");
      }
      i++;
    }
    Report report;
    try (DifferentialFuzzer f = start(pg)) {
      report = f.run(seed, Integer.MAX_VALUE, Duration.ofMillis((long) (minutes * 60_000)));
    }
    System.out.print(report.text());
    if (out != null) {
      write(out, report.text());
    }
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException("fuzz: " + flag + " needs a value");
    }
    return value;
  }

  private static void write(Path out, String text) throws IOException {
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, text);
  }
}
