package dev.schemagate.runner.bench;

import dev.schemagate.runner.backfill.BackfillResult;
import dev.schemagate.runner.backfill.BackfillRunner;
import dev.schemagate.runner.backfill.BackfillSpec;
import dev.schemagate.runner.backfill.ProgressSink;
import dev.schemagate.runner.testing.HistoryCheckpoint;
import dev.schemagate.runner.testing.Pg17;
import dev.schemagate.runner.workload.WindowStats;
import dev.schemagate.runner.workload.Workload;
import dev.schemagate.runner.workload.WorkloadConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * bench/backfill.sh: on an embedded PostgreSQL 17, (a) one plain UPDATE of N rows versus the
 * batched backfill of the same rows, each under the same workload; (b) the lock-queue scenario, a
 * plain ALTER TABLE queued behind a long transaction versus the same ALTER with a short
 * lock_timeout retried with backoff. Prints both side by side. Arguments: [rows] [clients].
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
    Pg17.Db db = Pg17.newDatabase("bench");
    String version = db.queryString("SHOW server_version");
    System.err.printf("bench: PostgreSQL %s (embedded), %,d rows per table, %d workload clients%n", version, rows, clients);
    for (String t : List.of("plain_orders", "batched_orders")) {
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
    long history = HistoryCheckpoint.start(db, "bench", 1);
    BackfillResult[] result = new BackfillResult[1];
    Run batched = underWorkload(db, "batched_orders", clients, "schemagate backfill", d -> {
      BackfillSpec spec = BackfillSpec.parse("bench/backfill.sql", """
          -- schemagate:backfill table=batched_orders key=id batch=1000
          UPDATE batched_orders SET amount_cents = total_cents WHERE id BETWEEN $1 AND $2 AND amount_cents IS NULL;
          """);
      result[0] = BackfillRunner.run(d, spec, HistoryCheckpoint.of(d, history), new ProgressSink.LogLines(System.err, Duration.ofSeconds(2)));
      BackfillResult r = result[0];
      return String.format(Locale.ROOT, "%d rows in %d batches (%d..%d rows), %d lock timeouts", r.rowsChanged(), r.batches(),
          r.smallestBatch(), r.largestBatch(), r.lockTimeouts());
    }, rows);
    long left = db.queryLong("SELECT count(*) FROM batched_orders WHERE amount_cents IS DISTINCT FROM total_cents");

    System.out.println();
    System.out.printf("(a) backfill of %,d rows, %d workload clients (70%% reads by id, 30%% single-row updates), PostgreSQL %s%n",
        rows, clients, version);
    System.out.println("    machine shared with other builds: figures are noisy; compare the two columns of one run");
    System.out.printf("%-34s %18s %22s%n", "", "plain UPDATE", "schemagate backfill");
    row("migration time s", f1(plain.took().toNanos() / 1e9), f1(batched.took().toNanos() / 1e9));
    row("rows/s", String.format("%,.0f", plain.rowsPerSecond()), String.format("%,.0f", batched.rowsPerSecond()));
    row("rate vs plain UPDATE", "100%", String.format("%.0f%%", 100 * batched.rowsPerSecond() / plain.rowsPerSecond()));
    row("workload queries/s during", f0(plain.during().queriesPerSecond()), f0(batched.during().queriesPerSecond()));
    row("workload p50 ms during", WindowStatsFormat.ms(plain.during().p50()), WindowStatsFormat.ms(batched.during().p50()));
    row("workload p99 ms during", WindowStatsFormat.ms(plain.during().p99()), WindowStatsFormat.ms(batched.during().p99()));
    row("workload max ms during", WindowStatsFormat.ms(plain.during().max()), WindowStatsFormat.ms(batched.during().max()));
    row("longest stall ms during", WindowStatsFormat.ms(plain.during().longestStall()), WindowStatsFormat.ms(batched.during().longestStall()));
    row("failed workload queries", String.valueOf(errors(plain)), String.valueOf(errors(batched)));
    System.out.println("backfill: " + batched.note() + "; rows left unmigrated: " + left);
    double ratio = batched.rowsPerSecond() / plain.rowsPerSecond();
    System.out.printf("targets: rate >= 50%% of plain: %s; no workload query over 1 s: %s; no failed query: %s%n",
        verdict(ratio >= 0.5), verdict(batched.during().max().toMillis() <= 1000 && batched.windows().stream().allMatch(w -> w.max().toMillis() <= 1000)),
        verdict(errors(batched) == 0));
    for (Run r : List.of(plain, batched)) {
      System.out.println("\n" + r.name() + " (" + r.note() + "):");
      System.out.print(Workload.table(r.windows()));
    }

    lockQueue(db, Math.min(rows, 200_000), clients);
  }

  // --- (b) the lock queue ---

  private static void lockQueue(Pg17.Db db, int rows, int clients) throws Exception {
    db.exec("CREATE TABLE queue_orders (id bigint PRIMARY KEY, status text NOT NULL, total_cents integer NOT NULL);"
        + "INSERT INTO queue_orders SELECT g, 'paid', g % 100000 FROM generate_series(1, " + rows + ") g");
    db.exec("VACUUM ANALYZE queue_orders");
    Duration hold = Duration.ofSeconds(4);
    Run plain = underWorkload(db, "queue_orders", clients, "plain ALTER", d -> {
      try (LongReader reader = new LongReader(d, "queue_orders", hold); Connection c = d.open(); Statement s = c.createStatement()) {
        long t0 = System.nanoTime();
        s.execute("ALTER TABLE queue_orders ADD COLUMN note_plain text");
        return String.format(Locale.ROOT, "ALTER waited %.2f s behind a %d s transaction", (System.nanoTime() - t0) / 1e9, hold.toSeconds());
      }
    }, 0);
    Run retried = underWorkload(db, "queue_orders", clients, "lock_timeout + retry", d -> {
      try (LongReader reader = new LongReader(d, "queue_orders", hold)) {
        return LockRetry.run(d, "ALTER TABLE queue_orders ADD COLUMN note_retried text", Duration.ofMillis(100));
      }
    }, 0);
    System.out.println();
    System.out.printf("(b) lock queue: a transaction reads queue_orders (%,d rows) and stays open %d s; meanwhile ALTER TABLE … ADD COLUMN%n",
        rows, hold.toSeconds());
    System.out.printf("%-34s %18s %22s%n", "", "plain ALTER", "lock_timeout + retry");
    row("workload p99 ms during", WindowStatsFormat.ms(plain.during().p99()), WindowStatsFormat.ms(retried.during().p99()));
    row("workload max ms during", WindowStatsFormat.ms(plain.during().max()), WindowStatsFormat.ms(retried.during().max()));
    row("longest stall ms during", WindowStatsFormat.ms(plain.during().longestStall()), WindowStatsFormat.ms(retried.during().longestStall()));
    row("workload queries/s during", f0(plain.during().queriesPerSecond()), f0(retried.during().queriesPerSecond()));
    row("failed workload queries", String.valueOf(errors(plain)), String.valueOf(errors(retried)));
    row("ALTER done after s", f1(plain.took().toNanos() / 1e9), f1(retried.took().toNanos() / 1e9));
    for (Run r : List.of(plain, retried)) {
      System.out.println("\n" + r.name() + " (" + r.note() + "):");
      System.out.print(Workload.table(r.windows()));
    }
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

  /** A DDL statement under a short lock_timeout, retried with exponential backoff and jitter until granted. */
  static final class LockRetry {
    static String run(Pg17.Db db, String ddl, Duration lockTimeout) throws SQLException, InterruptedException {
      long t0 = System.nanoTime();
      int attempts = 0;
      try (Connection c = db.open(); Statement s = c.createStatement()) {
        while (true) {
          attempts++;
          try {
            s.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            s.execute(ddl);
            return String.format(Locale.ROOT, "%d attempts, done after %.2f s", attempts, (System.nanoTime() - t0) / 1e9);
          } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
              throw e;
            }
            long backoff = Math.min(1000, 50L << Math.min(attempts - 1, 5));
            Thread.sleep((long) (backoff * (0.5 + ThreadLocalRandom.current().nextDouble())));
          }
        }
      }
    }
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
