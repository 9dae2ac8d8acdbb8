package dev.schemagate.runner.bench;

import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.approval.PolicyEngines;
import dev.schemagate.runner.backfill.BackfillResult;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.plan.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import dev.schemagate.runner.backfill.BackfillRunner;
import dev.schemagate.runner.backfill.BackfillSpec;
import dev.schemagate.runner.backfill.ProgressSink;
import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import dev.schemagate.runner.workload.WindowStats;
import dev.schemagate.runner.workload.Workload;
import dev.schemagate.runner.workload.WorkloadConfig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    double rowsPerSecond() {
      return rows / (took.toNanos() / 1e9);
    }
  }

  @FunctionalInterface
  interface Migration {
    String run(Pg17.Db db) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    // One backfill column per item: N workers, optionally with more directive options (4:target=400ms).
    List<Column> columns = new ArrayList<>();
    for (String item : (args.length > 2 ? args[2] : "1,2").split(",")) {
      String[] parts = item.trim().split(":", 2);
      columns.add(new Column(columns.size(), Integer.parseInt(parts[0]), parts.length > 1 ? parts[1].replace(';', ' ') : ""));
    }
    Pg17.Db db = Pg17.newDatabase("bench");
    String version = db.queryString("SHOW server_version");
    System.err.printf("bench: PostgreSQL %s (embedded), %,d rows per table, %d workload clients%n", version, rows, clients);
    List<String> tables = new ArrayList<>(List.of("plain_orders"));
    columns.forEach(c -> tables.add(c.table()));
    for (String t : tables) {
      long t0 = System.nanoTime();
      db.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, "
          + "total_cents integer NOT NULL, amount_cents bigint, created_at timestamptz NOT NULL DEFAULT now());"
          + "INSERT INTO " + t + " (id, customer_id, status, total_cents) SELECT g, g % 10000, 'paid', g % 100000 "
          + "FROM generate_series(1, " + rows + ") g;"
          + "CREATE INDEX ON " + t + " (customer_id);");
      db.exec("VACUUM ANALYZE " + t);
      System.err.printf("bench: %s filled in %.1f s%n", t, (System.nanoTime() - t0) / 1e9);
    }

    Run plain = underWorkload(db, "plain_orders", clients, "plain UPDATE", d -> {
      try (Connection c = d.open(); Statement s = c.createStatement()) {
        return s.executeUpdate("UPDATE plain_orders SET amount_cents = total_cents WHERE amount_cents IS NULL") + " rows";
      }
    }, rows);
    List<Run> backfills = new ArrayList<>();
    long left = 0;
    for (Column c : columns) {
      backfills.add(backfill(db, c, clients, rows));
      left += db.queryLong("SELECT count(*) FROM " + c.table() + " WHERE amount_cents IS DISTINCT FROM total_cents");
    }

    System.out.println();
    System.out.printf("(a) backfill of %,d rows, %d workload clients (70%% reads by id, 30%% single-row updates), PostgreSQL %s%n",
        rows, clients, version);
    System.out.println("    machine shared with other builds: figures are noisy; compare the columns of one run");
    List<Run> runs = new ArrayList<>(List.of(plain));
    runs.addAll(backfills);
    rowN("", runs, Run::name);
    rowN("migration time s", runs, r -> f1(r.took().toNanos() / 1e9));
    rowN("rows/s", runs, r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()));
    rowN("rate vs plain UPDATE", runs, r -> String.format(Locale.ROOT, "%.0f%%", 100 * r.rowsPerSecond() / plain.rowsPerSecond()));
    rowN("workload queries/s during", runs, r -> f0(r.during().queriesPerSecond()));
    rowN("workload p50 ms during", runs, r -> WindowStatsFormat.ms(r.during().p50()));
    rowN("workload p99 ms during", runs, r -> WindowStatsFormat.ms(r.during().p99()));
    rowN("workload max ms during", runs, r -> WindowStatsFormat.ms(r.during().max()));
    rowN("longest stall ms during", runs, r -> WindowStatsFormat.ms(r.during().longestStall()));
    rowN("failed workload queries", runs, r -> String.valueOf(errors(r)));
    System.out.println("rows left unmigrated by the backfills: " + left);
    for (Run r : backfills) {
      double ratio = r.rowsPerSecond() / plain.rowsPerSecond();
      System.out.printf("targets (%s): rate >= 50%% of plain: %s; no workload query over 1 s: %s; no failed query: %s%n", r.name(),
          verdict(ratio >= 0.5), verdict(r.windows().stream().allMatch(w -> w.max().toMillis() <= 1000)), verdict(errors(r) == 0));
    }
    for (Run r : runs) {
      System.out.println("\n" + r.name() + " (" + r.note() + "):");
      System.out.print(Workload.table(r.windows()));
    }

    if (!Boolean.getBoolean("bench.skipQueue")) {
      lockQueue(Pg17.newDatabase("queue"), Math.min(rows, 200_000), clients);
    }
  }

  // --- (b) the lock queue ---

  private static void lockQueue(Pg17.Db db, int rows, int clients) throws Exception {
    // The migration repository whose version 2 is the ALTER: applied by the real runner (schemagate apply).
    Path repo = Files.createTempDirectory("bench-queue-repo");
    write(repo.resolve("schemagate.yaml"), """
        protected_branch: main
        policy:
          runner_sets_lock_timeout: true
        tracks:
          queue:
            pg_version: 17
        """);
    write(repo.resolve("migrations/queue/0001_create_queue_orders/expand.sql"),
        "CREATE TABLE queue_orders (id bigint PRIMARY KEY, status text NOT NULL, total_cents integer NOT NULL);\n");
    write(repo.resolve("migrations/queue/0002_add_note/expand.sql"), "ALTER TABLE queue_orders ADD COLUMN note text;\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("bench", "bench@example.com");
      git.commit().setMessage("queue").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    ApprovedCommit commit;
    try (CommitSource source = CommitSource.open(repo.toString())) {
      commit = source.approve(Optional.empty(), new PolicyEngines());
    }
    Duration lockTimeout = Duration.ofMillis(100);
    RolloutSettings settings = RolloutSettings.DEFAULTS.withLockTimeout(lockTimeout)
        .withRetries(60, Duration.ofMillis(100), Duration.ofSeconds(1));
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Rollout rollout = new Rollout(db, settings, List.of(), Optional.empty(),
        Optional.of(new BatchedBackfill(ProgressSink.NONE, new BackfillRunner())), log::add);
    Rollout.Operator operator = new Rollout.Operator("bench", Optional.of("bench: no cluster"));
    rollout.apply(commit, Optional.of(Target.parse("queue@1")), operator);
    db.exec("INSERT INTO queue_orders SELECT g, 'paid', g % 100000 FROM generate_series(1, " + rows + ") g");
    db.exec("VACUUM ANALYZE queue_orders");
    db.exec("CREATE TABLE queue_copy (LIKE queue_orders INCLUDING ALL); INSERT INTO queue_copy SELECT * FROM queue_orders");
    db.exec("VACUUM ANALYZE queue_copy");

    Duration hold = Duration.ofSeconds(4);
    Run plain = underWorkload(db, "queue_copy", clients, "plain ALTER", d -> {
      try (LongReader reader = new LongReader(d, "queue_copy", hold); Connection c = d.open(); Statement s = c.createStatement()) {
        long t0 = System.nanoTime();
        s.execute("ALTER TABLE queue_copy ADD COLUMN note text");
        return String.format(Locale.ROOT, "ALTER waited %.2f s behind a %d s transaction", (System.nanoTime() - t0) / 1e9, hold.toSeconds());
      }
    }, 0);
    Run applied = underWorkload(db, "queue_orders", clients, "schemagate apply", d -> {
      try (LongReader reader = new LongReader(d, "queue_orders", hold)) {
        long t0 = System.nanoTime();
        Rollout.ApplyResult r = rollout.apply(commit, Optional.empty(), operator);
        long retries = log.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains("lock")).count();
        return String.format(Locale.ROOT, "applied %s in %.2f s, lock_timeout %d ms, %d log lines about locks",
            r.applied(), (System.nanoTime() - t0) / 1e9, lockTimeout.toMillis(), retries);
      }
    }, 0);
    System.out.println();
    System.out.printf("(b) lock queue: a transaction reads the table (%,d rows) and stays open %d s; meanwhile ALTER TABLE … ADD COLUMN%n",
        rows, hold.toSeconds());
    System.out.printf("%-34s %18s %22s%n", "", "plain ALTER", "schemagate apply");
    row("workload p99 ms during", WindowStatsFormat.ms(plain.during().p99()), WindowStatsFormat.ms(applied.during().p99()));
    row("workload max ms during", WindowStatsFormat.ms(plain.during().max()), WindowStatsFormat.ms(applied.during().max()));
    row("longest stall ms during", WindowStatsFormat.ms(plain.during().longestStall()), WindowStatsFormat.ms(applied.during().longestStall()));
    row("workload queries/s during", f0(plain.during().queriesPerSecond()), f0(applied.during().queriesPerSecond()));
    row("failed workload queries", String.valueOf(errors(plain)), String.valueOf(errors(applied)));
    row("ALTER done after s", f1(plain.took().toNanos() / 1e9), f1(applied.took().toNanos() / 1e9));
    for (Run r : List.of(plain, applied)) {
      System.out.println("\n" + r.name() + " (" + r.note() + "):");
      System.out.print(Workload.table(r.windows()));
    }
    System.out.println("\nrunner log of the apply:");
    log.forEach(l -> System.out.println("  " + l));
  }

  private static void write(Path file, String text) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A transaction that reads the table (ACCESS SHARE) and stays open for {@code hold}, on its own thread. */
  static final class LongReader implements AutoCloseable {
    private final Thread thread;

    LongReader(Pg17.Db db, String table, Duration hold) throws InterruptedException {
      java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
      thread = new Thread(() -> {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
          c.setAutoCommit(false);
          s.executeQuery("SELECT count(*) FROM " + table).close();
          started.countDown();
          Thread.sleep(hold.toMillis());
          c.commit();
        } catch (Exception e) {
          started.countDown();
          throw new IllegalStateException(e);
        }
      }, "long-reader");
      thread.start();
      started.await();
      Thread.sleep(200);
    }

    @Override
    public void close() throws InterruptedException {
      thread.join();
    }
  }

  /** A backfill column: its workers and any further directive options. */
  record Column(int index, int workers, String options) {
    String table() {
      return "backfill" + index + "_orders";
    }

    String name() {
      String w = workers == 1 ? "backfill" : "backfill workers=" + workers;
      return options.isBlank() ? w : w + " " + options.trim();
    }
  }

  private static Run backfill(Pg17.Db db, Column column, int clients, int rows) throws Exception {
    String table = column.table();
    long history = HistoryCheckpoint.start(db, table.replace('_', '-'), 1);
    return underWorkload(db, table, clients, column.name(), d -> {
      BackfillSpec spec = BackfillSpec.parse("bench/backfill.sql", "-- schemagate:backfill table=" + table + " key=id batch=1000 workers="
          + column.workers() + " " + column.options() + " " + System.getProperty("bench.options", "")
          + "\nUPDATE " + table + " SET amount_cents = total_cents WHERE id BETWEEN $1 AND $2 AND amount_cents IS NULL;\n");
      BackfillResult r = BackfillRunner.run(d, spec, HistoryCheckpoint.of(d, history), new ProgressSink.LogLines(System.err, Duration.ofSeconds(5)));
      return String.format(Locale.ROOT, "%d rows in %d batches (%d..%d rows), %d lock timeouts", r.rowsChanged(), r.batches(),
          r.smallestBatch(), r.largestBatch(), r.lockTimeouts());
    }, rows);
  }

  private static void rowN(String label, List<Run> runs, java.util.function.Function<Run, String> cell) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-30s", label));
    for (Run r : runs) {
      line.append(String.format(Locale.ROOT, " %26s", cell.apply(r)));
    }
    System.out.println(line);
  }

  // --- shared ---

  static Run underWorkload(Pg17.Db db, String table, int clients, String name, Migration migration, long rows) throws Exception {
    Workload w = Workload.start(db::open, WorkloadConfig.of(table, "id", clients).withWriteRatio(0.3), "before");
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
