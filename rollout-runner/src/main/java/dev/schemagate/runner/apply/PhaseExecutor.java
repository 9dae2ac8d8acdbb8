package dev.schemagate.runner.apply;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.contract.state.TrackState;
import dev.schemagate.runner.backfill.Checkpoint;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.db.SqlErrors;
import dev.schemagate.runner.history.HistoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one phase's statements against the database and records its success in the same transaction
 * as its last change. Every statement runs under the configured {@code lock_timeout}; when a lock
 * is not granted (SQLSTATE 55P03, or a deadlock 40P01) the attempt is abandoned and retried after a
 * growing pause with jitter, at most {@link RetryPolicy#attempts()} times, so the runner never
 * waits in the lock queue in front of live traffic for long.
 *
 * <ul>
 *   <li>A transactional phase runs in one transaction; a retry re-runs the whole transaction. The
 *       history row is finished as {@code succeeded} (and {@code track_state} updated) inside that
 *       transaction: the phase and its record commit together or not at all.
 *   <li>A non-transactional phase runs statement by statement, each committing on its own; a retry
 *       repeats the statement. Completed statements are counted in the history, so a resumed phase
 *       starts at the first statement that had not completed ({@code SET}/{@code RESET} are always
 *       replayed: they are session state). Before each {@code CREATE INDEX CONCURRENTLY} an INVALID
 *       index of that name, and before each {@code REINDEX … CONCURRENTLY} the INVALID {@code
 *       _ccnew}/{@code _ccold} copies an earlier attempt left, are dropped first ({@link
 *       InvalidIndexCleanup}).
 *   <li>A backfill phase goes to the {@link BackfillExecutor} when there is one.
 * </ul>
 */
public final class PhaseExecutor {

  private final Database db;
  private final HistoryStore store;
  private final RolloutSettings settings;
  private final RetryPolicy retry;
  private final Optional<BackfillExecutor> backfill;
  private final Consumer<String> log;

  public PhaseExecutor(
      Database db,
      HistoryStore store,
      RolloutSettings settings,
      Optional<BackfillExecutor> backfill,
      Consumer<String> log) {
    this.db = db;
    this.store = store;
    this.settings = settings;
    this.retry = RetryPolicy.of(settings);
    this.backfill = backfill;
    this.log = log;
  }

  /**
   * Runs the phase recorded as history row {@code historyId} and records it as succeeded with the
   * track's new {@code state}.
   *
   * @param resumeFrom statements of a non-transactional phase that an earlier attempt completed
   * @throws PhaseFailedException when it cannot complete; nothing is recorded here on failure
   */
  public void run(
      PhaseWork work, long historyId, int resumeFrom, Checkpoint checkpoint, TrackState state)
      throws InterruptedException {
    if (work.kind() == PhaseKind.BACKFILL && !work.isRollback() && backfill.isPresent()) {
      runBackfill(work, historyId, checkpoint, state);
    } else if (work.transactional()) {
      runTransactional(work, historyId, state);
    } else {
      runStatementByStatement(work, historyId, resumeFrom, state);
    }
  }

  private void runBackfill(PhaseWork work, long historyId, Checkpoint checkpoint, TrackState state)
      throws InterruptedException {
    try {
      backfill.get().run(new BackfillExecutor.Request(db, work, settings, checkpoint, log));
    } catch (SQLException e) {
      throw failure(work, "backfill: " + SqlErrors.describe(e), e);
    }
    recordSuccess(work, historyId, state);
  }

  private void runTransactional(PhaseWork work, long historyId, TrackState state)
      throws InterruptedException {
    try (BlockerWatch watch = new BlockerWatch(db)) {
      Attempts attempts = new Attempts(watch);
      for (int attempt = 1; ; attempt++) {
        int current = -1;
        Connection c = null;
        try {
          c = db.open();
          SessionSettings.apply(c, settings);
          c.setAutoCommit(false);
          try (BlockerWatch.Watching w =
              watch.watch(BlockerWatch.pid(c), BlockerWatch.every(settings.lockTimeout()), null)) {
            for (int i = 0; i < work.statements().size(); i++) {
              current = i;
              execute(c, work.statements().get(i));
            }
          }
          current = -1;
          HistoryStore.finishSucceeded(c, historyId, state);
          c.commit();
          return;
        } catch (SQLException e) {
          rollbackQuietly(c);
          if (SqlErrors.isLockWait(e) && attempts.retry(work, current, e, attempt)) {
            continue;
          }
          throw failure(
              work, where(work, current) + SqlErrors.describe(e) + attempts.gaveUp(e, attempt), e);
        } finally {
          closeQuietly(c);
        }
      }
    }
  }

  private void runStatementByStatement(
      PhaseWork work, long historyId, int resumeFrom, TrackState state)
      throws InterruptedException {
    try (Connection c = open(work);
        BlockerWatch watch = new BlockerWatch(db)) {
      int pid = BlockerWatch.pid(c);
      for (int i = 0; i < work.statements().size(); i++) {
        ParsedStatement st = work.statements().get(i);
        if (i < resumeFrom && !isSessionSetting(st)) {
          log.accept(
              work.label()
                  + ": statement "
                  + (i + 1)
                  + " (line "
                  + st.source().line()
                  + ") completed in an earlier attempt; skipped");
          continue;
        }
        Attempts attempts = new Attempts(watch);
        boolean concurrentBuild = InvalidIndexCleanup.applies(st);
        for (int attempt = 1; ; attempt++) {
          try {
            if (concurrentBuild) {
              dropInvalidIndex(c, work, st, "an earlier attempt");
              new ConcurrentBuild(c, work, i, st, watch, pid).run();
            } else {
              try (BlockerWatch.Watching w =
                  watch.watch(pid, BlockerWatch.every(settings.lockTimeout()), null)) {
                execute(c, st);
              }
            }
            break;
          } catch (SQLException e) {
            boolean lockWait = SqlErrors.isLockWait(e);
            if (lockWait
                && !(concurrentBuild && SqlErrors.LOCK_NOT_AVAILABLE.equals(e.getSQLState()))
                && attempts.retry(work, i, e, attempt)) {
              continue;
            }
            String reason =
                where(work, i)
                    + SqlErrors.describe(e)
                    + (concurrentBuild && SqlErrors.LOCK_NOT_AVAILABLE.equals(e.getSQLState())
                        ? ConcurrentBuild.gaveUp(settings, watch.blockers())
                        : attempts.gaveUp(e, attempt));
            if (concurrentBuild && !SqlErrors.isConnectionLoss(e)) {
              reason += cleanUpNow(c, work, st);
            }
            throw failure(work, reason, e);
          }
        }
        try {
          store.statementsDone(historyId, i + 1);
        } catch (SQLException e) {
          throw failure(
              work,
              "recording progress after statement " + (i + 1) + ": " + SqlErrors.describe(e),
              e);
        }
      }
    } catch (SQLException e) {
      throw failure(work, SqlErrors.describe(e), e);
    }
    recordSuccess(work, historyId, state);
  }

  private Connection open(PhaseWork work) throws SQLException {
    Connection c = db.open();
    try {
      SessionSettings.apply(c, settings);
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * Drops what a failed concurrent build left; {@code by} says whose leftovers they are. Returns
   * the names dropped.
   */
  private java.util.List<String> dropInvalidIndex(
      Connection c, PhaseWork work, ParsedStatement st, String by) throws SQLException {
    boolean reindex = st.kind() == StatementKind.REINDEX;
    String next =
        by.equals("an earlier attempt")
            ? (reindex ? "; the index is rebuilt next" : "; it is built again next")
            : "; the phase fails";
    java.util.List<String> dropped = InvalidIndexCleanup.leftovers(c, st);
    for (String invalid : dropped) {
      log.accept(
          work.label()
              + ": dropping INVALID index "
              + invalid
              + " left by "
              + by
              + " of "
              + (reindex ? "REINDEX CONCURRENTLY" : "CREATE INDEX CONCURRENTLY")
              + next);
      try (Statement s = c.createStatement()) {
        // A TOAST table's index cannot be dropped concurrently; plain DROP INDEX under the
        // session's lock_timeout.
        s.execute(
            (invalid.startsWith("pg_toast.")
                    ? "DROP INDEX IF EXISTS "
                    : "DROP INDEX CONCURRENTLY IF EXISTS ")
                + invalid);
      }
    }
    return dropped;
  }

  /**
   * Giving up on a concurrent build: its INVALID index is dropped at once (it would be maintained
   * on every write until the next apply), under {@code concurrent_index_wait} as the build was
   * ({@code DROP INDEX CONCURRENTLY} waits for the table's current transactions). Returns what to
   * add to the failure's reason.
   */
  private String cleanUpNow(Connection c, PhaseWork work, ParsedStatement st) {
    try {
      String previous = ConcurrentBuild.show(c);
      ConcurrentBuild.setLockTimeout(c, RolloutSettings.pgValue(settings.concurrentIndexWait()));
      try {
        java.util.List<String> dropped = dropInvalidIndex(c, work, st, "this attempt");
        return dropped.isEmpty()
            ? ""
            : "; dropped the INVALID index " + String.join(", ", dropped) + " it left";
      } finally {
        ConcurrentBuild.setLockTimeout(c, previous);
      }
    } catch (SQLException e) {
      return "; could not drop the INVALID index it left ("
          + SqlErrors.describe(e)
          + "), the next apply drops it before building again";
    }
  }

  /**
   * One {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX … CONCURRENTLY}: its waits for older
   * transactions (virtual transaction ids, after the index is built and again before it is marked
   * valid) block neither reads nor writes, so instead of giving up after {@code lock_timeout} and
   * rebuilding the whole index, it waits up to {@code concurrent_index_wait}, naming what it waits
   * for every 10 s.
   */
  private final class ConcurrentBuild {
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private final Connection c;
    private final PhaseWork work;
    private final int index;
    private final ParsedStatement st;
    private final BlockerWatch watch;
    private final int pid;
    private long reportedAt;

    ConcurrentBuild(
        Connection c, PhaseWork work, int index, ParsedStatement st, BlockerWatch watch, int pid) {
      this.c = c;
      this.work = work;
      this.index = index;
      this.st = st;
      this.watch = watch;
      this.pid = pid;
    }

    void run() throws SQLException {
      String previous = show(c);
      setLockTimeout(c, RolloutSettings.pgValue(settings.concurrentIndexWait()));
      try (BlockerWatch.Watching w =
          watch.watch(
              pid,
              Duration.ofMillis(
                  Math.min(1_000, BlockerWatch.every(settings.lockTimeout()).toMillis() * 4)),
              this::waiting)) {
        execute(c, st);
      } finally {
        try {
          setLockTimeout(c, previous);
        } catch (SQLException e) {
          // the connection is gone; the statement's own error is what is reported
        }
      }
    }

    private void waiting(java.util.List<Blocker> blockers) {
      long now = System.nanoTime();
      if (reportedAt == 0 || now - reportedAt >= REPORT_EVERY.toNanos()) {
        reportedAt = now;
        log.accept(
            work.label()
                + ": "
                + where(work, index)
                + "waits for older transactions to finish (it blocks no reads or writes"
                + " meanwhile), at most "
                + RolloutSettings.written(settings.concurrentIndexWait())
                + " (rollout.concurrent_index_wait): "
                + Blocker.describe(blockers));
      }
    }

    static String gaveUp(RolloutSettings settings, java.util.List<Blocker> blockers) {
      return "; waited "
          + RolloutSettings.written(settings.concurrentIndexWait())
          + " (rollout.concurrent_index_wait) for older transactions to finish; in the way: "
          + Blocker.describe(blockers)
          + "; end those transactions or raise rollout.concurrent_index_wait, then apply again";
    }

    static String show(Connection c) throws SQLException {
      try (Statement s = c.createStatement();
          java.sql.ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
        rs.next();
        return rs.getString(1);
      }
    }

    static void setLockTimeout(Connection c, String value) throws SQLException {
      try (java.sql.PreparedStatement ps =
          c.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
        ps.setString(1, value);
        ps.executeQuery().close();
      }
    }
  }

  private void recordSuccess(PhaseWork work, long historyId, TrackState state) {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      HistoryStore.finishSucceeded(c, historyId, state);
      c.commit();
    } catch (SQLException e) {
      throw failure(
          work,
          "its statements completed, but recording success failed: " + SqlErrors.describe(e),
          e);
    }
  }

  private void execute(Connection c, ParsedStatement st) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setEscapeProcessing(false);
      s.execute(st.source().text());
    }
  }

  /**
   * The attempts of one statement (or one transactional phase): their budget, their pauses, and the
   * sessions that were in the way, named in every retry line and in the failure.
   */
  private final class Attempts {
    private final BlockerWatch watch;
    private final long started = System.nanoTime();
    private Duration waitedForBlockers = Duration.ZERO;

    Attempts(BlockerWatch watch) {
      this.watch = watch;
    }

    /**
     * After failed attempt {@code attempt}: waits (for the blockers, or the backoff) and says
     * whether to try again.
     */
    boolean retry(PhaseWork work, int statement, SQLException e, int attempt)
        throws InterruptedException {
      Duration pause = retry.pause(attempt);
      if (!retry.allows(attempt, elapsed(), pause)) {
        return false;
      }
      java.util.List<Blocker> blockers = watch.blockers();
      String head =
          work.label()
              + ": "
              + where(work, statement)
              + "lock not granted ("
              + SqlErrors.describe(e)
              + "); in the way: "
              + Blocker.describe(blockers)
              + "; attempt "
              + attempt
              + "/"
              + retry.attempts();
      Duration left = settings.waitForBlockers().minus(waitedForBlockers);
      if (!blockers.isEmpty() && !left.isNegative() && !left.isZero()) {
        log.accept(
            head
                + ", waiting up to "
                + RolloutSettings.written(left)
                + " for them to end their transactions (--wait-for-blockers)");
        long w0 = System.nanoTime();
        boolean ended;
        try {
          ended =
              watch.waitForEnd(
                  blockers,
                  left,
                  Duration.ofSeconds(10),
                  still ->
                      log.accept(
                          work.label()
                              + ": still waiting for "
                              + still
                              + " (--wait-for-blockers)"));
        } catch (SQLException | IllegalStateException failed) {
          ended = false;
        }
        waitedForBlockers = waitedForBlockers.plusNanos(System.nanoTime() - w0);
        if (ended) {
          log.accept(
              work.label()
                  + ": the sessions in the way ended their transactions; attempt "
                  + (attempt + 1)
                  + " now");
          return true;
        }
        log.accept(
            work.label()
                + ": the sessions in the way are still there after "
                + RolloutSettings.written(settings.waitForBlockers())
                + "; retrying in "
                + pause.toMillis()
                + " ms");
      } else {
        log.accept(head + ", retrying in " + pause.toMillis() + " ms");
      }
      Thread.sleep(pause.toMillis());
      return true;
    }

    /** What a failure's reason adds when the lock was never granted. */
    String gaveUp(SQLException e, int attempt) {
      if (!SqlErrors.isLockWait(e)) {
        return "";
      }
      java.util.List<Blocker> blockers = watch.blockers();
      return "; lock not granted in "
          + attempt
          + " attempts over "
          + elapsed().toSeconds()
          + " s (retry_attempts "
          + retry.attempts()
          + ", retry_budget "
          + RolloutSettings.written(retry.budget())
          + "); in the way: "
          + Blocker.describe(blockers)
          + (blockers.isEmpty()
              ? "; apply again when the table is less busy"
              : settings.waitForBlockers().isZero()
                  ? "; end those transactions, or apply again with --wait-for-blockers 5min to wait for them"
                  : "; end those transactions (e.g. SELECT pg_terminate_backend("
                      + blockers.get(0).pid()
                      + ")), then apply again");
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - started).minus(waitedForBlockers);
    }
  }

  private PhaseFailedException failure(PhaseWork work, String reason, SQLException e) {
    if (SqlErrors.isConnectionLoss(e)) {
      reason = "lost the connection to " + db.describe() + ": " + reason;
    }
    return new PhaseFailedException(work.label(), reason, e);
  }

  private static String where(PhaseWork work, int statement) {
    if (statement < 0) {
      return "";
    }
    ParsedStatement st = work.statements().get(statement);
    String text = st.source().text().replaceAll("\\s+", " ");
    return "statement "
        + (statement + 1)
        + " ("
        + work.file()
        + ":"
        + st.source().line()
        + ": "
        + (text.length() > 60 ? text.substring(0, 57) + "..." : text)
        + "): ";
  }

  static boolean isSessionSetting(ParsedStatement st) {
    return st.kind() == StatementKind.SET || st.kind() == StatementKind.RESET;
  }

  private static void rollbackQuietly(Connection c) {
    if (c != null) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection may be gone; the transaction then ended with it
      }
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to release
      }
    }
  }
}
