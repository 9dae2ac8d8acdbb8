package dev.schemagate.runner.backfill;

import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a backfill: walks the table's key in index order, one key range per batch, one transaction
 * per batch that also advances the {@link Checkpoint}. A rerun resumes after the last committed
 * batch. Batches are sized by time and back off on lock waits, statement timeouts and replication
 * lag ({@link Throttle}); see docs/runner-backfill.md.
 *
 * <p>Each batch: {@code lock_timeout} and {@code statement_timeout} set for the transaction only
 * ({@code set_config(…, true)}, safe behind a transaction-pooling PgBouncer), the first key after
 * the checkpoint, the key {@code batch-1} rows further and the one after it (index probes on the
 * key's btree index; the one after is the next batch's first key), the batch statement with {@code
 * $1}/{@code $2} bound to the first and last key, the checkpoint, commit.
 *
 * <p>Batches commit with {@code synchronous_commit = off}: a batch and its checkpoint are one
 * transaction, so a server crash that loses the last batches loses their checkpoints with them and
 * the rerun redoes exactly those; the runner's synchronous commit of the phase's outcome flushes
 * every batch before the phase counts as applied.
 */
public final class BackfillRunner {

  /** SQLSTATE lock_not_available: lock_timeout expired. */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  /** SQLSTATE query_canceled: statement_timeout expired. */
  static final String QUERY_CANCELED = "57014";

  static final String DEADLOCK = "40P01";
  static final String SERIALIZATION = "40001";

  /** How batches announce themselves in pg_stat_activity. */
  public static final String APPLICATION_NAME = "schemagate backfill";

  private static final Duration LAG_EVERY = Duration.ofSeconds(1);

  /**
   * How often the adaptive throttle looks at the load ({@link LoadProbe} measures every {@link
   * LoadProbe#TICK}).
   */
  private static final Duration LOAD_EVERY = Duration.ofMillis(250);

  private static final String SET_CONFIG =
      "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true), "
          + "set_config('synchronous_commit', 'off', true)";
  private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  private final ReplicationLag lagProbe;
  private final int maxLockFailures;
  private final Duration reconnectPause;

  /**
   * Replication lag from {@code pg_stat_replication}; gives up after 200 consecutive lock failures.
   */
  public BackfillRunner() {
    this(ReplicationLag.PG_STAT_REPLICATION, 200);
  }

  /**
   * @param maxLockFailures consecutive batches whose locks were not granted (or that timed out)
   *     before the backfill gives up with a {@link BackfillException}; its committed batches stay
   */
  public BackfillRunner(ReplicationLag lagProbe, int maxLockFailures) {
    this(lagProbe, maxLockFailures, RECONNECT_PAUSE);
  }

  /**
   * @param reconnectPause the first pause before reconnecting; it doubles each time
   */
  BackfillRunner(ReplicationLag lagProbe, int maxLockFailures, Duration reconnectPause) {
    this.lagProbe = lagProbe;
    this.maxLockFailures = maxLockFailures;
    this.reconnectPause = reconnectPause;
  }

  /** The entry point of the runner core: runs {@code spec} to the end of its table. */
  public static BackfillResult run(
      Database db, BackfillSpec spec, Checkpoint checkpoint, ProgressSink sink)
      throws InterruptedException {
    return new BackfillRunner().execute(db, spec, checkpoint, sink);
  }

  /**
   * Runs the backfill; a lost connection (the server restarted, a failover, a proxy dropping idle
   * links) is reopened up to {@link #RECONNECTS} times with a growing pause, and the walk resumes
   * after the last committed batch as the checkpoint reads on the server. Any other error, or a
   * connection that stays lost, ends the backfill: committed batches stay, a rerun resumes.
   */
  public BackfillResult execute(
      Database db, BackfillSpec spec, Checkpoint checkpoint, ProgressSink sink)
      throws InterruptedException {
    // One Run for all connections: its counts, throttle and walk bound survive a reconnect, so the
    // summary counts every batch of this backfill, not only those since the last reconnect.
    Run run = new Run(db, spec, checkpoint, sink);
    for (int reconnect = 0; ; reconnect++) {
      try (Connection c = db.open()) {
        if (reconnect > 0) {
          checkpoint.reload();
          sink.notice(
              "backfill of "
                  + spec.tableName()
                  + ": connected again; resuming after "
                  + checkpoint.lastKey().map(k -> "key " + k).orElse("the start")
                  + " ("
                  + checkpoint.rowsDone()
                  + " rows done)");
        }
        return run.run(c);
      } catch (SQLException | BackfillException e) {
        run.closeProbe();
        SQLException lost = connectionLoss(e);
        if (lost == null || reconnect >= RECONNECTS) {
          if (e instanceof BackfillException b) {
            throw b;
          }
          SQLException sql = (SQLException) e;
          throw new BackfillException(
              spec.source()
                  + ": backfill of "
                  + spec.tableName()
                  + " on "
                  + db.describe()
                  + " failed: "
                  + sql.getMessage()
                  + " (SQLSTATE "
                  + sql.getSQLState()
                  + ")"
                  + (lost == null ? "" : " after " + reconnect + " reconnects")
                  + "; committed batches are kept, a rerun resumes after them",
              e);
        }
        Duration pause = reconnectPause.multipliedBy(1L << reconnect);
        sink.notice(
            "backfill of "
                + spec.tableName()
                + ": connection lost ("
                + SqlErrors.describe(lost)
                + "); reconnecting in "
                + pause.toMillis()
                + " ms ("
                + (reconnect + 1)
                + "/"
                + RECONNECTS
                + ")");
        sleep(pause);
      }
    }
  }

  /**
   * Reconnects after a lost connection before the backfill gives up: 0.5 + 1 + 2 + 4 + 8 s of
   * pauses.
   */
  static final int RECONNECTS = 5;

  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

  /**
   * The SQLException in {@code e}'s cause chain that says the connection is gone, if there is one.
   */
  private static SQLException connectionLoss(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && SqlErrors.isConnectionLoss(sql)) {
        return sql;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private final class Run {
    private final Database db;
    private Connection c;
    private final BackfillSpec spec;
    private final Checkpoint checkpoint;
    private final ProgressSink sink;
    private final Throttle throttle;
    private final long started = System.nanoTime();
    private final Deque<long[]> samples = new ArrayDeque<>(); // {nanoTime, rowsVisited}

    private long visited;
    private long changed;
    private long visitedBefore;
    private long changedBefore;
    private long total;
    private long batches;
    private long lockTimeouts;
    private long statementTimeouts;
    private long lagWaits;
    private int smallest = Integer.MAX_VALUE;
    private int largest;
    private Duration lastBatch = Duration.ZERO;
    private Duration lag = Duration.ZERO;
    private long lagMeasuredAt;
    private String lastKey;
    private boolean begun;

    /**
     * The walk's last key when {@code until=start}: the table's last key when the backfill began
     * (null: empty table).
     */
    private String bound;

    private LoadProbe probe;
    private String probeSql;
    private Duration baseline;

    /** The table as SQL ({@code "schema"."t"}), for catalog look-ups. */
    private String tableRef;

    private long loadMeasuredAt;

    Run(Database db, BackfillSpec spec, Checkpoint checkpoint, ProgressSink sink) {
      this.db = db;
      this.spec = spec;
      this.checkpoint = checkpoint;
      this.sink = sink;
      this.throttle =
          new Throttle(
              spec.batch(),
              spec.maxBatch(),
              spec.target(),
              spec.pause(),
              spec.maxLag(),
              spec.workers(),
              spec.adaptive());
    }

    /** Runs (or, after a lost connection, goes on with) the backfill on connection {@code c}. */
    BackfillResult run(Connection c) throws SQLException, InterruptedException {
      try {
        return runOn(c);
      } finally {
        closeProbe();
      }
    }

    void closeProbe() {
      if (probe != null) {
        probe.close();
        probe = null;
      }
    }

    private BackfillResult runOn(Connection c) throws SQLException, InterruptedException {
      this.c = c;
      try (Statement s = c.createStatement()) {
        s.execute("SET application_name = '" + APPLICATION_NAME + "'");
      }
      c.setAutoCommit(false);
      KeyColumns keys = KeyColumns.resolve(c, spec);
      tableRef = keys.table;
      probeSql = keys.probeSql();
      String resumeAfter = checkpoint.lastKey().orElse(null);
      if (!begun) {
        total = estimate(keys);
        c.commit();
        checkpoint.estimate(total);
        visitedBefore = checkpoint.rowsDone();
        changedBefore = checkpoint.rowsDone();
        if (spec.untilStart()) {
          try (PreparedStatement last = c.prepareStatement(keys.lastKeySql())) {
            bound = single(last);
          }
          c.commit();
          if (bound == null) {
            sink.finished(progress(null, true));
            return result();
          }
        }
        begun = true;
      }
      if (spec.untilStart()) {
        keys = keys.upTo(bound);
      }
      // A batch holds its rows' locks until it commits: one that runs past twice its target (at
      // least
      // 600 ms) is cancelled and retried smaller, so no live write waits on a batch much beyond
      // that.
      long statementTimeout = Math.max(600, spec.target().toMillis() * 2);
      String batchSql = keys.batchSql(spec.statement());
      var order = KeyColumns.parameterOrder(spec.statement());
      if (spec.workers() > 1) {
        return new Pipeline(keys, batchSql, order, statementTimeout).run(resumeAfter);
      }
      startProbe(List.of(LoadProbe.pid(c)));
      try (PreparedStatement setConfig = c.prepareStatement(SET_CONFIG);
          PreparedStatement firstKey = c.prepareStatement(keys.firstKeySql(false));
          PreparedStatement firstAfter = c.prepareStatement(keys.firstKeySql(true));
          PreparedStatement nthKey = c.prepareStatement(keys.nthKeySql());
          PreparedStatement lastKeyOfTable = c.prepareStatement(keys.lastKeySql());
          PreparedStatement countFrom = c.prepareStatement(keys.countFromSql());
          PreparedStatement batch = prepareBatch(batchSql)) {
        String after = resumeAfter;
        // The next batch's first key, when the previous batch's probe saw it (saves a round trip).
        String known = null;
        while (true) {
          if (Thread.interrupted()) {
            throw new InterruptedException("backfill of " + spec.tableName() + " interrupted");
          }
          waitForReplicas();
          observeLoad();
          sleep(throttle.pause());
          int n = throttle.batch();
          long b0 = System.nanoTime();
          String first = known;
          String end = null;
          try {
            setConfig.setString(1, spec.lockTimeout().toMillis() + "ms");
            setConfig.setString(2, statementTimeout + "ms");
            setConfig.executeQuery().close();
            if (first == null && after == null) {
              keys.bindBound(firstKey, 1);
              first = single(firstKey);
            } else if (first == null) {
              keys.bindBound(firstAfter, keys.bind(firstAfter, 1, after));
              first = single(firstAfter);
            }
            if (first == null) {
              c.commit();
              break;
            }
            int next = keys.bindBound(nthKey, keys.bind(nthKey, 1, first));
            nthKey.setInt(next, n - 1);
            String following = null;
            try (ResultSet rs = nthKey.executeQuery()) {
              if (rs.next()) {
                end = rs.getString(1);
                following = rs.next() ? rs.getString(1) : null;
              }
            }
            long keysInBatch = n;
            if (end == null) {
              keys.bindBound(lastKeyOfTable, 1);
              end = single(lastKeyOfTable);
              keys.bindBound(countFrom, keys.bind(countFrom, 1, first));
              keysInBatch = singleLong(countFrom);
            }
            int p = 1;
            for (int which : order) {
              p = keys.bind(batch, p, which == 1 ? first : end);
            }
            long u0 = System.nanoTime();
            long rows = batch.executeLargeUpdate();
            long u1 = System.nanoTime();
            checkpoint.advance(c, end, rows);
            long u2 = System.nanoTime();
            c.commit();
            long u3 = System.nanoTime();
            reportLongHold(first, end, u0, u1, u2, u3, "checkpoint");
            Duration took = Duration.ofNanos(System.nanoTime() - b0);
            after = end;
            known = following;
            lastKey = end;
            visited += keysInBatch;
            changed += rows;
            batches++;
            smallest = Math.min(smallest, n);
            largest = Math.max(largest, n);
            lastBatch = took;
            throttle.succeeded(keysInBatch, took);
          } catch (SQLException e) {
            rollbackQuietly();
            known = null;
            onFailure(e, first, end);
          }
          sink.progress(progress(null, false));
        }
      }
      BackfillProgress last = progress(null, true);
      sink.finished(last);
      return result();
    }

    /**
     * The load probe over the backfill's connections (adaptive only); the baseline is measured
     * once, before the first batch, and kept across reconnects.
     */
    private void startProbe(List<Integer> pids) throws SQLException, InterruptedException {
      if (!spec.adaptive()) {
        return;
      }
      closeProbe();
      probe = new LoadProbe(db, probeSql, pids);
      if (baseline == null) {
        baseline = probe.baseline();
        throttle.baseline(baseline);
      }
      probe.start();
      loadMeasuredAt = System.nanoTime();
    }

    /** Tells the adaptive throttle how the workload fares, at most every {@link #LOAD_EVERY}. */
    private void observeLoad() throws SQLException {
      if (probe == null || System.nanoTime() - loadMeasuredAt < LOAD_EVERY.toNanos()) {
        return;
      }
      if (throttle.load(probe.sample())) {
        probe.restart();
      }
      loadMeasuredAt = System.nanoTime();
    }

    /**
     * A batch holds the locks of the rows it changed from its statement until its commit: when that
     * lasted longer than twice the target (and over a second), live writes to those rows waited as
     * long, and the operator should hear of it with where the time went.
     */
    private void reportLongHold(
        String first, String end, long u0, long u1, long u2, long u3, String middle) {
      long held = u3 - u0;
      if (held > Math.max(2 * spec.target().toNanos(), 1_000_000_000L)) {
        sink.notice(
            String.format(
                Locale.ROOT,
                "backfill of %s: batch (keys %s .. %s) held its rows' locks %d ms"
                    + " (statement %d ms, %s %d ms, commit %d ms): writes to those rows waited as long",
                spec.tableName(),
                first,
                end,
                held / 1_000_000,
                (u1 - u0) / 1_000_000,
                middle,
                (u2 - u1) / 1_000_000,
                (u3 - u2) / 1_000_000));
      }
    }

    private BackfillResult result() {
      return new BackfillResult(
          visited,
          changed,
          batches,
          Duration.ofNanos(System.nanoTime() - started),
          lastKey,
          batches == 0 ? 0 : smallest,
          largest,
          lockTimeouts,
          statementTimeouts,
          lagWaits,
          throttle.backoffs(),
          throttle.mostWorkers(),
          bound);
    }

    /**
     * {@code workers} connections run consecutive key ranges at once and commit in key order: a
     * batch whose statement is done waits for the batch before it to commit, then records the
     * checkpoint and commits. So the checkpoint stays exact (every key up to it committed, none
     * after it), as with one connection. A batch that fails makes the batches after it roll back
     * too; the walk restarts after the last committed batch.
     */
    private final class Pipeline {
      private final KeyColumns keys;
      private final String batchSql;
      private final List<Integer> order;
      private final long statementTimeout;
      private final Object turn = new Object();
      private long committedSeq = -1;
      private long failedSeq = Long.MAX_VALUE;

      Pipeline(KeyColumns keys, String batchSql, List<Integer> order, long statementTimeout) {
        this.keys = keys;
        this.batchSql = batchSql;
        this.order = order;
        this.statementTimeout = statementTimeout;
      }

      private record Task(long seq, String first, String end, long keys, int size) {}

      /**
       * {@code rows} < 0: rolled back because an earlier batch failed; {@code error} non-null:
       * failed.
       */
      private record Outcome(Task task, long rows, Duration took, SQLException error) {}

      private final class Worker implements AutoCloseable {
        final Connection wc;
        final PreparedStatement setConfig;
        final PreparedStatement batch;

        Worker() throws SQLException {
          wc = db.open();
          try (Statement st = wc.createStatement()) {
            st.execute("SET application_name = '" + APPLICATION_NAME + "'");
          }
          wc.setAutoCommit(false);
          setConfig = wc.prepareStatement(SET_CONFIG);
          batch = prepareBatchOn(wc, batchSql);
        }

        Outcome run(Task t) {
          long b0 = System.nanoTime();
          try {
            setConfig.setString(1, spec.lockTimeout().toMillis() + "ms");
            setConfig.setString(2, statementTimeout + "ms");
            setConfig.executeQuery().close();
            int p = 1;
            for (int which : order) {
              p = keys.bind(batch, p, which == 1 ? t.first() : t.end());
            }
            long u0 = System.nanoTime();
            long rows = batch.executeLargeUpdate();
            long u1 = System.nanoTime();
            long worked = u1 - b0;
            if (!awaitTurn(t.seq())) {
              wc.rollback();
              return new Outcome(t, -1, Duration.ZERO, null);
            }
            long c0 = System.nanoTime();
            checkpoint.advance(wc, t.end(), rows);
            long u2 = System.nanoTime();
            wc.commit();
            committed(t.seq());
            reportLongHold(
                t.first(), t.end(), u0, u1, u2, System.nanoTime(), "its turn and checkpoint");
            // The batch's own work, not its wait for the batch before it: sized by that, N workers
            // run N times the rows of one (each holding its row locks up to about two batch
            // durations).
            return new Outcome(t, rows, Duration.ofNanos(worked + System.nanoTime() - c0), null);
          } catch (SQLException e) {
            try {
              wc.rollback();
            } catch (SQLException ignored) {
              // the connection is gone; the failure below is reported
            }
            failed(t.seq());
            return new Outcome(t, 0, Duration.ZERO, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(t.seq());
            return new Outcome(t, 0, Duration.ZERO, new SQLException("interrupted", "57014"));
          }
        }

        @Override
        public void close() throws SQLException {
          wc.close();
        }
      }

      private boolean awaitTurn(long seq) throws InterruptedException {
        synchronized (turn) {
          while (committedSeq != seq - 1 && failedSeq >= seq) {
            turn.wait();
          }
          return committedSeq == seq - 1;
        }
      }

      private void committed(long seq) {
        synchronized (turn) {
          committedSeq = seq;
          turn.notifyAll();
        }
      }

      private void failed(long seq) {
        synchronized (turn) {
          failedSeq = Math.min(failedSeq, seq);
          turn.notifyAll();
        }
      }

      private final Deque<Future<Outcome>> inflight = new ArrayDeque<>();
      private String after;
      private String committedEnd;
      private String known;
      private long seq;

      BackfillResult run(String resumeAfter) throws SQLException, InterruptedException {
        int n = spec.workers();
        List<Worker> workers = new ArrayList<>();
        ExecutorService pool =
            Executors.newFixedThreadPool(
                n,
                r -> {
                  Thread th = new Thread(r, "schemagate-backfill-worker");
                  th.setDaemon(true);
                  return th;
                });
        c.setAutoCommit(true);
        after = resumeAfter;
        committedEnd = resumeAfter;
        try (PreparedStatement firstKey = c.prepareStatement(keys.firstKeySql(false));
            PreparedStatement firstAfter = c.prepareStatement(keys.firstKeySql(true));
            PreparedStatement nthKey = c.prepareStatement(keys.nthKeySql());
            PreparedStatement lastKeyOfTable = c.prepareStatement(keys.lastKeySql());
            PreparedStatement countFrom = c.prepareStatement(keys.countFromSql())) {
          for (int i = 0; i < n; i++) {
            workers.add(new Worker());
          }
          List<Integer> pids = new ArrayList<>(List.of(LoadProbe.pid(c)));
          for (Worker w : workers) {
            pids.add(LoadProbe.pid(w.wc));
            w.wc.commit();
          }
          startProbe(pids);
          BlockingQueue<Worker> free = new ArrayBlockingQueue<>(n, false, workers);
          while (true) {
            if (Thread.interrupted()) {
              throw new InterruptedException("backfill of " + spec.tableName() + " interrupted");
            }
            // Finished batches, in order; with every worker busy, wait for the oldest.
            boolean failure = false;
            while (!failure
                && !inflight.isEmpty()
                && (inflight.peekFirst().isDone() || inflight.size() >= throttle.workers())) {
              failure = take(inflight.pollFirst());
            }
            if (failure) {
              restartAfterFailure();
              continue;
            }
            waitForReplicas();
            observeLoad();
            sleep(throttle.pause());
            int size = throttle.batch();
            String first = known;
            if (first == null) {
              if (after == null) {
                keys.bindBound(firstKey, 1);
                first = single(firstKey);
              } else {
                keys.bindBound(firstAfter, keys.bind(firstAfter, 1, after));
                first = single(firstAfter);
              }
            }
            if (first == null) {
              if (inflight.isEmpty()) {
                break;
              }
              // The walk reached the end: let the batches in flight finish, then look once more.
              boolean failed = false;
              while (!inflight.isEmpty()) {
                failed |= take(inflight.pollFirst());
              }
              if (failed) {
                restartAfterFailure();
              }
              continue;
            }
            int next = keys.bindBound(nthKey, keys.bind(nthKey, 1, first));
            nthKey.setInt(next, size - 1);
            String end = null;
            String following = null;
            try (ResultSet rs = nthKey.executeQuery()) {
              if (rs.next()) {
                end = rs.getString(1);
                following = rs.next() ? rs.getString(1) : null;
              }
            }
            long keysInBatch = size;
            if (end == null) {
              keys.bindBound(lastKeyOfTable, 1);
              end = single(lastKeyOfTable);
              keys.bindBound(countFrom, keys.bind(countFrom, 1, first));
              keysInBatch = singleLong(countFrom);
            }
            Worker w = free.take();
            Task task = new Task(seq++, first, end, keysInBatch, size);
            inflight.addLast(
                pool.submit(
                    () -> {
                      try {
                        return w.run(task);
                      } finally {
                        free.add(w);
                      }
                    }));
            after = end;
            known = following;
            sink.progress(progress(null, false));
          }
        } finally {
          pool.shutdownNow();
          pool.awaitTermination(30, TimeUnit.SECONDS);
          for (Worker w : workers) {
            w.close();
          }
        }
        sink.finished(progress(null, true));
        return result();
      }

      /**
       * Waits for one batch and counts it; true when it failed or was rolled back behind a failure.
       */
      private boolean take(Future<Outcome> f) throws InterruptedException {
        Outcome o = get(f);
        boolean failed = account(o);
        if (!failed) {
          committedEnd = o.task().end();
        }
        return failed;
      }

      /**
       * Drains the batches in flight (they roll back behind the failure) and restarts after the
       * last commit.
       */
      private void restartAfterFailure() throws InterruptedException {
        while (!inflight.isEmpty()) {
          take(inflight.pollFirst());
        }
        synchronized (turn) {
          committedSeq = seq - 1;
          failedSeq = Long.MAX_VALUE;
        }
        after = committedEnd;
        known = null;
        sink.progress(progress(null, false));
      }

      /** Counts a finished batch; true when it failed (or was rolled back behind a failure). */
      private boolean account(Outcome o) {
        if (o.error() != null) {
          onFailure(o.error(), o.task().first(), o.task().end());
          return true;
        }
        if (o.rows() < 0) {
          return true;
        }
        lastKey = o.task().end();
        visited += o.task().keys();
        changed += o.rows();
        batches++;
        smallest = Math.min(smallest, o.task().size());
        largest = Math.max(largest, o.task().size());
        lastBatch = o.took();
        throttle.succeeded(o.task().keys(), o.took());
        return false;
      }

      private Outcome get(Future<Outcome> f) throws InterruptedException {
        try {
          return f.get();
        } catch (ExecutionException e) {
          throw new BackfillException(
              spec.source() + ": a backfill worker failed: " + e.getCause(), e.getCause());
        }
      }
    }

    private PreparedStatement prepareBatch(String sql) throws SQLException {
      return prepareBatchOn(c, sql);
    }

    private PreparedStatement prepareBatchOn(Connection on, String sql) throws SQLException {
      try {
        return on.prepareStatement(sql);
      } catch (SQLException e) {
        throw new BackfillException(
            spec.source() + ": the batch statement cannot be prepared: " + e.getMessage(), e);
      }
    }

    private void onFailure(SQLException e, String first, String end) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      String range =
          first == null ? "" : " (keys " + first + " .. " + (end == null ? "?" : end) + ")";
      switch (state) {
        case LOCK_NOT_AVAILABLE -> {
          lockTimeouts++;
          throttle.lockNotGranted();
        }
        case QUERY_CANCELED -> {
          statementTimeouts++;
          throttle.statementTimedOut();
        }
        case DEADLOCK, SERIALIZATION -> throttle.lockNotGranted();
        default ->
            throw new BackfillException(
                spec.source()
                    + ": batch"
                    + range
                    + " of "
                    + spec.tableName()
                    + " failed: "
                    + e.getMessage()
                    + " (SQLSTATE "
                    + state
                    + "); committed batches are kept, a rerun resumes after them",
                e);
      }
      if (throttle.lockFailures() > maxLockFailures) {
        rollbackQuietly();
        List<dev.schemagate.runner.apply.Blocker> holders =
            TableLockHolders.of(c, tableRef, spec.lockTimeout());
        throw new BackfillException(
            spec.source()
                + ": "
                + throttle.lockFailures()
                + " batches in a row"
                + range
                + " could not get their locks within lock_timeout "
                + spec.lockTimeout().toMillis()
                + " ms (last: "
                + e.getMessage()
                + "); "
                + (holders.isEmpty()
                    ? "no transaction older than lock_timeout holds a lock on "
                        + spec.tableName()
                        + " now"
                    : "holding locks on "
                        + spec.tableName()
                        + ": "
                        + dev.schemagate.runner.apply.Blocker.describe(holders))
                + ". The backfill stopped; committed batches are kept and a rerun resumes after them",
            e);
      }
    }

    private void waitForReplicas() throws SQLException, InterruptedException {
      long now = System.nanoTime();
      if (now - lagMeasuredAt < LAG_EVERY.toNanos() && lagMeasuredAt != 0) {
        return;
      }
      lag = measureLag();
      boolean waited = false;
      while (throttle.mustWaitFor(lag)) {
        if (!waited) {
          lagWaits++;
          waited = true;
        }
        sink.progress(
            progress(
                "replication lag "
                    + lag.toMillis()
                    + " ms > max_lag "
                    + spec.maxLag().toMillis()
                    + " ms",
                false));
        sleep(Duration.ofMillis(500));
        lag = measureLag();
      }
      throttle.replicationLag(lag);
    }

    private Duration measureLag() throws SQLException {
      Duration d = lagProbe.measure(c);
      if (!c.getAutoCommit()) {
        c.commit();
      }
      lagMeasuredAt = System.nanoTime();
      return d;
    }

    private long estimate(KeyColumns keys) throws SQLException {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
        ps.setString(1, keys.table);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getLong(1) > 0) {
            return rs.getLong(1);
          }
        }
      }
      // Never analyzed (reltuples -1 since PostgreSQL 14, 0 before): count once.
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM " + keys.table)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private BackfillProgress progress(String waiting, boolean done) {
      long now = System.nanoTime();
      samples.addLast(new long[] {now, visited});
      while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
        samples.removeFirst();
      }
      long[] oldest = samples.peekFirst();
      double window = (now - oldest[0]) / 1e9;
      double rate =
          window > 0.2
              ? (visited - oldest[1]) / window
              : visited / Math.max(1e-9, (now - started) / 1e9);
      long all = visitedBefore + visited;
      Duration eta =
          rate > 0 && total > all
              ? Duration.ofMillis((long) ((total - all) / rate * 1000))
              : (total > 0 && total <= all ? Duration.ZERO : null);
      return new BackfillProgress(
          spec.tableName(),
          all,
          changedBefore + changed,
          total,
          rate,
          Duration.ofNanos(now - started),
          eta,
          throttle.batch(),
          lastBatch,
          throttle.pause(),
          lag,
          lockTimeouts,
          waiting,
          done);
    }

    private String single(PreparedStatement ps) throws SQLException {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }

    private long singleLong(PreparedStatement ps) throws SQLException {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private void rollbackQuietly() {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is gone; the next statement reports it
      }
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero() && !d.isNegative()) {
      Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    }
  }
}
