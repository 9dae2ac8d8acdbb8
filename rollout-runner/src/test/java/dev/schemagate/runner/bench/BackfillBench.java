package dev.schemagate.runner.bench;

import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.approval.PolicyEngines;
import dev.schemagate.runner.backfill.BackfillResult;
import dev.schemagate.runner.backfill.BackfillRunner;
import dev.schemagate.runner.backfill.BackfillSpec;
import dev.schemagate.runner.backfill.ProgressSink;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import dev.schemagate.runner.workload.WindowStats;
import dev.schemagate.runner.workload.Workload;
import dev.schemagate.runner.workload.WorkloadConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * bench/backfill.sh: on an embedded PostgreSQL 17, (a) one plain UPDATE of N rows versus the
 * batched backfill of the same rows, each under the same workload; (b) the lock-queue scenario, a
 * plain ALTER TABLE queued behind a long transaction versus the same ALTER applied by the real
 * runner ({@link Rollout#apply}: short lock_timeout, retried with backoff and jitter). Prints both
 * side by side. Arguments: [rows] [clients].
 */
public final class BackfillBench {

  private static final Duration WINDOW = Duration.ofSeconds(3);

  private BackfillBench() {}

  /** One migration run under the workload. */
  record Run(String name, long rows, Duration took, List<WindowStats> windows, String note) {
    WindowStats during() {
      return windows.stream().filter(w -> w.name().equals("during")).findFirst().orElseThrow();
    }

    WindowStats before() {
      return windows.stream().filter(w -> w.name().equals("before")).findFirst().orElseThrow();
    }

    /** Workload p99 during the migration over p99 before it (the baseline). */
    double p99Ratio() {
      return during().p99().toNanos() / (double) Math.max(1, before().p99().toNanos());
    }

    double rowsPerSecond() {
      return rows / (took.toNanos() / 1e9);
    }
  }

  @FunctionalInterface
  interface Migration {
    String run(Pg17.Db db) throws Exception;
  }

  /** The light workload of "idle-ish" (a), beside the heavier one of CLIENTS clients. */
  static final int IDLE_CLIENTS = 1;

  /** The backfill directive options before issue 12, given explicitly. */
  static final String PREVIOUS = "workers=1 target=150ms adaptive=off until=end";

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    // One backfill column per item: "defaults", "previous" (the old defaults, given explicitly), or
    // N workers with optional further directive options (4:target=400ms;adaptive=off).
    List<Column> columns = new ArrayList<>();
    for (String item : (args.length > 2 ? args[2] : "defaults,previous").split(",")) {
      columns.add(Column.parse(columns.size(), item.trim()));
    }
    Pg17.Db db = Pg17.newDatabase("bench");
    String version = db.queryString("SHOW server_version");
    String server =
        "fsync="
            + db.queryString("SHOW fsync")
            + " synchronous_commit="
            + db.queryString("SHOW synchronous_commit")
            + " shared_buffers="
            + db.queryString("SHOW shared_buffers")
            + " max_wal_size="
            + db.queryString("SHOW max_wal_size");
    if (!"on".equals(db.queryString("SHOW fsync"))) {
      throw new IllegalStateException(
          "the benchmark needs fsync on (run it through bench/backfill.sh, which sets -Dpg17.durable=true): "
              + server);
    }
    String loadBefore = loadAverage();
    System.err.printf(
        "bench: PostgreSQL %s (embedded, %s), %,d rows per table, workloads of %d and %d clients; load average %s%n",
        version, server, rows, IDLE_CLIENTS, clients, loadBefore);

    List<Run> idle = scenario(db, "idle", rows, IDLE_CLIENTS, columns);
    List<Run> busy = scenario(db, "busy", rows, clients, columns);

    System.out.println();
    System.out.printf(
        "PostgreSQL %s embedded: %s; %,d rows per table (primary key, one secondary index)%n",
        version, server, rows);
    System.out.println(
        "load average (1, 5, 15 min) at start: "
            + loadBefore
            + "; after the backfills: "
            + loadAverage());
    System.out.println(
        "workload: N clients, "
            + workload("t", 1).mix()
            + ", random keys, no think time, statement_timeout 30 s;"
            + " windows of 3 s before (the baseline) and after");
    System.out.println("backfill settings (directive options as the runner read them):");
    for (Column c : columns) {
      System.out.println("  " + c.name() + ": " + c.spec("t").settings());
    }
    report(
        "(a) idle-ish table: backfill of "
            + String.format(Locale.ROOT, "%,d", rows)
            + " rows under a light workload ("
            + IDLE_CLIENTS
            + " client)",
        idle);
    report(
        "(b) adaptive under a heavier load: the same backfills under " + clients + " clients",
        busy);
    System.out.println();
    System.out.println(
        "adaptive behaviour: rate under the heavier load vs idle-ish (the backfill should yield), back-offs");
    for (int i = 1; i < idle.size(); i++) {
      Run a = idle.get(i);
      Run b = busy.get(i);
      System.out.printf(
          Locale.ROOT,
          "  %-30s idle-ish %,10.0f rows/s   heavier %,10.0f rows/s (%3.0f%%)   %s | %s%n",
          a.name(),
          a.rowsPerSecond(),
          b.rowsPerSecond(),
          100 * b.rowsPerSecond() / a.rowsPerSecond(),
          a.note(),
          b.note());
    }

    if (!Boolean.getBoolean("bench.skipSwing")) {
      swing(db, rows, clients, columns);
    }
    if (!Boolean.getBoolean("bench.skipQueue")) {
      lockQueue(Math.min(rows, 200_000), clients);
    }
    System.out.println("\nload average at the end: " + loadAverage());
  }

  /**
   * A plain UPDATE and each backfill column, each on a fresh table, under a workload of {@code
   * clients}.
   */
  private static List<Run> scenario(
      Pg17.Db db, String tag, int rows, int clients, List<Column> columns) throws Exception {
    List<String> tables = new ArrayList<>(List.of(tag + "_plain"));
    columns.forEach(c -> tables.add(c.table(tag)));
    for (String t : tables) {
      long t0 = System.nanoTime();
      db.exec(
          "CREATE TABLE "
              + t
              + " (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, "
              + "total_cents integer NOT NULL, amount_cents bigint, created_at timestamptz NOT NULL DEFAULT now());"
              + "INSERT INTO "
              + t
              + " (id, customer_id, status, total_cents) SELECT g, g % 10000, 'paid', g % 100000 "
              + "FROM generate_series(1, "
              + rows
              + ") g;"
              + "CREATE INDEX ON "
              + t
              + " (customer_id);");
      db.exec("VACUUM ANALYZE " + t);
      db.exec("CHECKPOINT");
      System.err.printf("bench: %s filled in %.1f s%n", t, (System.nanoTime() - t0) / 1e9);
    }
    List<Run> runs = new ArrayList<>();
    runs.add(
        underWorkload(
            db,
            tag + "_plain",
            clients,
            "plain UPDATE",
            d -> {
              try (Connection c = d.open();
                  Statement s = c.createStatement()) {
                return s.executeUpdate(
                        "UPDATE "
                            + tag
                            + "_plain SET amount_cents = total_cents WHERE amount_cents IS NULL")
                    + " rows";
              }
            },
            rows));
    for (Column c : columns) {
      db.exec("CHECKPOINT");
      runs.add(backfill(db, c, tag, clients, rows));
      long left =
          db.queryLong(
              "SELECT count(*) FROM "
                  + c.table(tag)
                  + " WHERE amount_cents IS DISTINCT FROM total_cents");
      if (left != 0) {
        throw new IllegalStateException(
            c.table(tag) + ": " + left + " rows left unmigrated by the backfill");
      }
    }
    return runs;
  }

  private static void report(String title, List<Run> runs) {
    Run plain = runs.get(0);
    System.out.println();
    System.out.println(title);
    rowN("", runs, Run::name);
    rowN("migration time s", runs, r -> f1(r.took().toNanos() / 1e9));
    rowN("rows/s (changed)", runs, r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()));
    rowN(
        "rate vs plain UPDATE",
        runs,
        r -> String.format(Locale.ROOT, "%.0f%%", 100 * r.rowsPerSecond() / plain.rowsPerSecond()));
    rowN("workload queries/s before", runs, r -> f0(r.before().queriesPerSecond()));
    rowN("workload queries/s during", runs, r -> f0(r.during().queriesPerSecond()));
    rowN("workload p99 ms before", runs, r -> WindowStatsFormat.ms(r.before().p99()));
    rowN("workload p99 ms during", runs, r -> WindowStatsFormat.ms(r.during().p99()));
    rowN("p99 during / before", runs, r -> String.format(Locale.ROOT, "%.1fx", r.p99Ratio()));
    rowN("writes p99 ms before", runs, r -> WindowStatsFormat.ms(r.before().writeP99()));
    rowN("writes p99 ms during", runs, r -> WindowStatsFormat.ms(r.during().writeP99()));
    rowN("workload max ms during", runs, r -> WindowStatsFormat.ms(r.during().max()));
    rowN("longest stall ms during", runs, r -> WindowStatsFormat.ms(r.during().longestStall()));
    rowN("failed workload queries", runs, r -> String.valueOf(errors(r)));
    for (Run r : runs.subList(1, runs.size())) {
      double ratio = r.rowsPerSecond() / plain.rowsPerSecond();
      System.out.printf(
          "targets (%s): rate >= 50%% of plain: %s; no workload query over 1 s: %s; p99 during <= 2x before: %s;"
              + " no failed query: %s%n",
          r.name(),
          verdict(ratio >= 0.5),
          verdict(r.windows().stream().allMatch(w -> w.max().toMillis() <= 1000)),
          verdict(r.p99Ratio() <= 2.0),
          verdict(errors(r) == 0));
    }
    for (Run r : runs) {
      System.out.println("  " + r.name() + " (" + r.note() + "):");
      System.out.print(Workload.table(r.windows()).indent(4));
    }
  }

  // --- (d) the load comes and goes mid-backfill ---

  /** How long the heavier load lasts in (d). */
  static final Duration SWING_LOAD = Duration.ofSeconds(4);

  /** Where in the backfill (fraction of its rows changed) the heavier load starts in (d). */
  static final double SWING_AT = 0.15;

  /** The backfill's rows changed over time, from its progress calls. */
  static final class Recorder implements ProgressSink {
    final List<long[]> points =
        Collections.synchronizedList(new ArrayList<>()); // {nanoTime, rowsChanged}
    final long start = System.nanoTime();
    volatile long changed;
    volatile long pauseMillis;

    @Override
    public void progress(dev.schemagate.runner.backfill.BackfillProgress p) {
      points.add(new long[] {System.nanoTime(), p.rowsChanged()});
      changed = p.rowsChanged();
      pauseMillis = p.pause().toMillis();
    }

    /** Rows changed by time {@code t} (the last progress call at or before it). */
    long at(long t) {
      long rows = 0;
      synchronized (points) {
        for (long[] pt : points) {
          if (pt[0] <= t) {
            rows = pt[1];
          }
        }
      }
      return rows;
    }
  }

  /** One column's run of (d): the backfill's rate and the light client's figures in each phase. */
  record Swing(
      String name, double[] rate, List<WindowStats> light, List<WindowStats> heavy, String note) {}

  /**
   * (d): the backfill starts under the light workload; at {@link #SWING_AT} of its rows a workload
   * of {@code clients} more clients starts, for {@link #SWING_LOAD}, then stops. An adaptive
   * backfill should slow down while it runs and speed up again after.
   */
  private static void swing(Pg17.Db db, int rows, int clients, List<Column> columns)
      throws Exception {
    List<Swing> swings = new ArrayList<>();
    for (Column c : columns) {
      String table = c.table("swing");
      db.exec(
          "CREATE TABLE "
              + table
              + " (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, "
              + "total_cents integer NOT NULL, amount_cents bigint, created_at timestamptz NOT NULL DEFAULT now());"
              + "INSERT INTO "
              + table
              + " (id, customer_id, status, total_cents) SELECT g, g % 10000, 'paid', g % 100000 "
              + "FROM generate_series(1, "
              + rows
              + ") g;"
              + "CREATE INDEX ON "
              + table
              + " (customer_id);");
      db.exec("VACUUM ANALYZE " + table);
      db.exec("CHECKPOINT");
      long history = HistoryCheckpoint.start(db, table.replace('_', '-'), 1);
      Recorder rec = new Recorder();
      Workload light = Workload.start(db::open, workload(table, IDLE_CLIENTS), "before");
      Workload.hold(WINDOW);
      light.window("light");
      java.util.concurrent.atomic.AtomicLongArray marks =
          new java.util.concurrent.atomic.AtomicLongArray(
              4); // backfill start, heavy start, heavy end, backfill end
      java.util.concurrent.atomic.AtomicReference<List<WindowStats>> heavyRef =
          new java.util.concurrent.atomic.AtomicReference<>(List.of());
      Thread conductor =
          new Thread(
              () -> {
                try {
                  while (rec.changed < SWING_AT * rows && marks.get(3) == 0) {
                    Thread.sleep(10);
                  }
                  if (marks.get(3) != 0) {
                    return;
                  }
                  // Its inserts take keys a billion above the light client's, which count up from
                  // the same largest key.
                  WorkloadConfig heavyMix = workload(table, clients);
                  heavyMix =
                      heavyMix.withInserts(
                          heavyMix.insertRatio(),
                          heavyMix
                              .insert()
                              .replace(
                                  "SELECT ?::bigint AS k", "SELECT ?::bigint + 1000000000 AS k"));
                  Workload heavy = Workload.start(db::open, heavyMix, "starting");
                  heavy.window(
                      "heavy"); // from when its clients run, not from when their connections began
                  // to open
                  marks.set(1, System.nanoTime());
                  light.window("heavy");
                  Workload.hold(SWING_LOAD);
                  marks.set(2, System.nanoTime());
                  light.window("light again");
                  heavyRef.set(
                      heavy.stop().stream().filter(w -> w.name().equals("heavy")).toList());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "bench-conductor");
      marks.set(0, System.nanoTime());
      conductor.start();
      BackfillResult r =
          BackfillRunner.run(db, c.spec(table), HistoryCheckpoint.of(db, history), rec);
      marks.set(3, System.nanoTime());
      conductor.join();
      light.window("after");
      Workload.hold(WINDOW);
      List<WindowStats> lightStats = light.stop();
      List<WindowStats> heavyStats = heavyRef.get();
      double[] rate = new double[3];
      if (marks.get(1) != 0) {
        long end1 = marks.get(1);
        long end2 = Math.min(marks.get(2), marks.get(3));
        rate[0] = rec.at(end1) / ((end1 - marks.get(0)) / 1e9);
        rate[1] = (rec.at(end2) - rec.at(end1)) / ((end2 - end1) / 1e9);
        rate[2] =
            marks.get(3) > marks.get(2)
                ? (r.rowsChanged() - rec.at(marks.get(2))) / ((marks.get(3) - marks.get(2)) / 1e9)
                : Double.NaN;
      }
      swings.add(
          new Swing(
              c.name(),
              rate,
              lightStats,
              heavyStats,
              String.format(
                  Locale.ROOT,
                  "%d batches (%d..%d rows), %d back-offs, up to %d workers, %.1f s",
                  r.batches(),
                  r.smallestBatch(),
                  r.largestBatch(),
                  r.backoffs(),
                  r.mostWorkers(),
                  (marks.get(3) - marks.get(0)) / 1e9)));
    }
    System.out.println();
    System.out.printf(
        "(d) the load comes and goes: %,d rows under 1 client; at %.0f%% of the rows %d more clients start for %d s, then stop"
            + "%n",
        rows, 100 * SWING_AT, clients, SWING_LOAD.toSeconds());
    String f = "%-30s %18s %18s %18s%n";
    System.out.printf(f, "backfill rows/s changed", "light, before", "heavier load", "light again");
    for (Swing w : swings) {
      System.out.printf(
          f,
          w.name(),
          f0(w.rate()[0]),
          f0(w.rate()[1]),
          Double.isNaN(w.rate()[2]) ? "(done)" : f0(w.rate()[2]));
    }
    for (Swing w : swings) {
      System.out.printf(
          Locale.ROOT,
          "adaptive (%s): slows down under the load: %s (%.0f%% of its light rate); speeds up after it: %s%n",
          w.name(),
          verdict(w.rate()[1] < 0.8 * w.rate()[0]),
          100 * w.rate()[1] / Math.max(1, w.rate()[0]),
          Double.isNaN(w.rate()[2])
              ? "n/a (done under the load)"
              : verdict(w.rate()[2] > 1.25 * w.rate()[1]));
    }
    for (Swing w : swings) {
      System.out.println("  " + w.name() + " (" + w.note() + "), the light client:");
      System.out.print(Workload.table(w.light()).indent(4));
      System.out.println("    the heavier load (" + clients + " clients):");
      System.out.print(Workload.table(w.heavy()).indent(4));
    }
  }

  /** {@code /proc/loadavg}'s three load averages, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  // --- (b) the lock queue ---

  private static void lockQueue(int rows, int clients) throws Exception {
    // The migration repository whose version 2 is the ALTER: applied by the real runner (schemagate
    // apply).
    Path repo = Files.createTempDirectory("bench-queue-repo");
    write(
        repo.resolve("schemagate.yaml"),
        """
        protected_branch: main
        policy:
          runner_sets_lock_timeout: true
        tracks:
          queue:
            pg_version: 17
        """);
    write(
        repo.resolve("migrations/queue/0001_create_queue_orders/expand.sql"),
        "CREATE TABLE queue_orders (id bigint PRIMARY KEY, status text NOT NULL, total_cents integer NOT NULL);\n");
    write(
        repo.resolve("migrations/queue/0002_add_note/expand.sql"),
        "ALTER TABLE queue_orders ADD COLUMN note text;\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("bench", "bench@example.com");
      git.commit().setMessage("queue").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    ApprovedCommit commit;
    try (CommitSource source = CommitSource.open(repo.toString())) {
      commit = source.approve(Optional.empty(), new PolicyEngines());
    }
    Duration hold = Duration.ofSeconds(4);
    Pg17.Db plainDb = queueDatabase(commit, rows, RolloutSettings.DEFAULTS, new ArrayList<>());
    Run plain =
        underWorkload(
            plainDb,
            "queue_orders",
            clients,
            "plain ALTER",
            d -> {
              try (LongReader reader = new LongReader(d, "queue_orders", hold);
                  Connection c = d.open();
                  Statement s = c.createStatement()) {
                long t0 = System.nanoTime();
                s.execute("ALTER TABLE queue_orders ADD COLUMN note text");
                return String.format(
                    Locale.ROOT,
                    "ALTER waited %.2f s behind a %d s transaction",
                    (System.nanoTime() - t0) / 1e9,
                    hold.toSeconds());
              }
            },
            0);
    List<Run> runs = new ArrayList<>(List.of(plain));
    List<List<String>> logs = new ArrayList<>();
    for (RolloutSettings settings :
        List.of(RolloutSettings.DEFAULTS, RolloutSettings.PREVIOUS_DEFAULTS)) {
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      logs.add(log);
      Pg17.Db db = queueDatabase(commit, rows, settings, log);
      Rollout rollout =
          new Rollout(db, settings, List.of(), Optional.empty(), Optional.empty(), log::add);
      String name =
          settings == RolloutSettings.DEFAULTS ? "apply, new defaults" : "apply, previous defaults";
      runs.add(
          underWorkload(
              db,
              "queue_orders",
              clients,
              name,
              d -> {
                try (LongReader reader = new LongReader(d, "queue_orders", hold)) {
                  long t0 = System.nanoTime();
                  Rollout.ApplyResult r = rollout.apply(commit, Optional.empty(), OPERATOR);
                  long retries = log.stream().filter(l -> l.contains("retrying in")).count();
                  return String.format(
                      Locale.ROOT,
                      "applied %s in %.2f s after %d lock timeouts",
                      r.applied(),
                      (System.nanoTime() - t0) / 1e9,
                      retries);
                }
              },
              0));
    }
    System.out.println();
    System.out.printf(
        "(c) lock queue: a transaction reads the table (%,d rows) and stays open %d s; meanwhile ALTER TABLE … ADD COLUMN,"
            + " under %d clients%n",
        rows, hold.toSeconds(), clients);
    System.out.println("    new defaults:      " + RolloutSettings.DEFAULTS.effective());
    System.out.println("    previous defaults: " + RolloutSettings.PREVIOUS_DEFAULTS.effective());
    rowN("", runs, Run::name);
    rowN("workload p99 ms before", runs, r -> WindowStatsFormat.ms(r.before().p99()));
    rowN("workload p99 ms during", runs, r -> WindowStatsFormat.ms(r.during().p99()));
    rowN("p99 during / before", runs, r -> String.format(Locale.ROOT, "%.1fx", r.p99Ratio()));
    rowN("workload max ms during", runs, r -> WindowStatsFormat.ms(r.during().max()));
    rowN("longest stall ms during", runs, r -> WindowStatsFormat.ms(r.during().longestStall()));
    rowN("workload queries/s during", runs, r -> f0(r.during().queriesPerSecond()));
    rowN("failed workload queries", runs, r -> String.valueOf(errors(r)));
    rowN("ALTER done after s", runs, r -> f1(r.took().toNanos() / 1e9));
    for (Run r : runs.subList(1, runs.size())) {
      System.out.printf(
          "targets (%s): no workload query over 1 s: %s; longest stall under 1 s: %s%n",
          r.name(),
          verdict(r.windows().stream().allMatch(w -> w.max().toMillis() <= 1000)),
          verdict(r.during().longestStall().toMillis() < 1000));
    }
    for (Run r : runs) {
      System.out.println("  " + r.name() + " (" + r.note() + "):");
      System.out.print(Workload.table(r.windows()).indent(4));
    }
    for (int i = 0; i < logs.size(); i++) {
      System.out.println("runner log of " + runs.get(i + 1).name() + ":");
      logs.get(i).forEach(l -> System.out.println("  " + l));
    }
  }

  private static final Rollout.Operator OPERATOR =
      new Rollout.Operator("bench", Optional.of("bench: no cluster"));

  /** A database with queue@1 applied (by the runner) and {@code rows} rows in queue_orders. */
  private static Pg17.Db queueDatabase(
      ApprovedCommit commit, int rows, RolloutSettings settings, List<String> log)
      throws Exception {
    Pg17.Db db = Pg17.newDatabase("queue");
    new Rollout(db, settings, List.of(), Optional.empty(), Optional.empty(), log::add)
        .apply(commit, Optional.of(Target.parse("queue@1")), OPERATOR);
    db.exec(
        "INSERT INTO queue_orders SELECT g, 'paid', g % 100000 FROM generate_series(1, "
            + rows
            + ") g");
    db.exec("VACUUM ANALYZE queue_orders");
    return db;
  }

  private static void write(Path file, String text) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /**
   * A transaction that reads the table (ACCESS SHARE) and stays open for {@code hold}, on its own
   * thread.
   */
  static final class LongReader implements AutoCloseable {
    private final Thread thread;

    LongReader(Pg17.Db db, String table, Duration hold) throws InterruptedException {
      java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
      thread =
          new Thread(
              () -> {
                try (Connection c = db.open();
                    Statement s = c.createStatement()) {
                  c.setAutoCommit(false);
                  s.executeQuery("SELECT count(*) FROM " + table).close();
                  started.countDown();
                  Thread.sleep(hold.toMillis());
                  c.commit();
                } catch (Exception e) {
                  started.countDown();
                  throw new IllegalStateException(e);
                }
              },
              "long-reader");
      thread.start();
      started.await();
      Thread.sleep(200);
    }

    @Override
    public void close() throws InterruptedException {
      thread.join();
    }
  }

  /**
   * A backfill column: the new defaults, the previous ones, or N workers with further directive
   * options.
   */
  record Column(int index, String label, String options) {
    static Column parse(int index, String item) {
      if (item.equals("defaults")) {
        return new Column(index, "new defaults", "");
      }
      if (item.equals("previous")) {
        return new Column(index, "previous defaults", PREVIOUS);
      }
      String[] parts = item.split(":", 2);
      String options =
          "workers="
              + Integer.parseInt(parts[0])
              + (parts.length > 1 ? " " + parts[1].replace(';', ' ') : "");
      return new Column(index, options, options);
    }

    String table(String tag) {
      return tag + "_backfill" + index;
    }

    String name() {
      return label;
    }

    BackfillSpec spec(String table) {
      return BackfillSpec.parse(
          "bench/backfill.sql",
          "-- schemagate:backfill table="
              + table
              + " key=id "
              + options
              + " "
              + System.getProperty("bench.options", "")
              + "\nUPDATE "
              + table
              + " SET amount_cents = total_cents WHERE id BETWEEN $1 AND $2 AND amount_cents IS NULL;\n");
    }
  }

  private static Run backfill(Pg17.Db db, Column column, String tag, int clients, int rows)
      throws Exception {
    String table = column.table(tag);
    long history = HistoryCheckpoint.start(db, table.replace('_', '-'), 1);
    return underWorkload(
        db,
        table,
        clients,
        column.name(),
        d -> {
          BackfillResult r =
              BackfillRunner.run(
                  d,
                  column.spec(table),
                  HistoryCheckpoint.of(d, history),
                  new ProgressSink.LogLines(System.err, Duration.ofSeconds(5)));
          return String.format(
              Locale.ROOT,
              "%d rows in %d batches (%d..%d rows), %d lock timeouts, %d back-offs, up to %d workers",
              r.rowsChanged(),
              r.batches(),
              r.smallestBatch(),
              r.largestBatch(),
              r.lockTimeouts(),
              r.backoffs(),
              r.mostWorkers());
        },
        rows);
  }

  private static void rowN(
      String label, List<Run> runs, java.util.function.Function<Run, String> cell) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-30s", label));
    for (Run r : runs) {
      line.append(String.format(Locale.ROOT, " %26s", cell.apply(r)));
    }
    System.out.println(line);
  }

  // --- shared ---

  /**
   * Issue 12's workload: 70 % point reads, 20 % single-row updates, 10 % inserts of new orders (new
   * code writes amount_cents itself, as the sync trigger would).
   */
  static WorkloadConfig workload(String table, int clients) {
    return WorkloadConfig.of(table, "id", clients)
        .withWriteRatio(0.2)
        .withInserts(
            0.1,
            "INSERT INTO "
                + table
                + " (id, customer_id, status, total_cents, amount_cents) SELECT k, k % 10000, 'paid', k % 100000, k % 100000"
                + " FROM (SELECT ?::bigint AS k) n");
  }

  /** The same mix on the lock-queue scenario's table, which has fewer columns. */
  static WorkloadConfig queueWorkload(int clients) {
    return WorkloadConfig.of("queue_orders", "id", clients)
        .withWriteRatio(0.2)
        .withInserts(
            0.1,
            "INSERT INTO queue_orders (id, status, total_cents) SELECT k, 'paid', k % 100000 FROM (SELECT ?::bigint AS k) n");
  }

  static Run underWorkload(
      Pg17.Db db, String table, int clients, String name, Migration migration, long rows)
      throws Exception {
    return underWorkload(
        db,
        table.equals("queue_orders") ? queueWorkload(clients) : workload(table, clients),
        name,
        migration,
        rows);
  }

  static Run underWorkload(
      Pg17.Db db, WorkloadConfig config, String name, Migration migration, long rows)
      throws Exception {
    Workload w = Workload.start(db::open, config, "before");
    Workload.hold(WINDOW);
    w.window("during");
    long t0 = System.nanoTime();
    String note = migration.run(db);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    w.window("after");
    Workload.hold(WINDOW);
    return new Run(name, rows, took, w.stop(), note);
  }

  private static long errors(Run r) {
    return r.windows().stream().mapToLong(WindowStats::errors).sum();
  }

  private static void row(String label, String a, String b) {
    System.out.printf("%-34s %18s %22s%n", label, a, b);
  }

  private static String f0(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String verdict(boolean ok) {
    return ok ? "PASS" : "FAIL";
  }

  /** Milliseconds with one decimal. */
  static final class WindowStatsFormat {
    static String ms(Duration d) {
      return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
  }
}
