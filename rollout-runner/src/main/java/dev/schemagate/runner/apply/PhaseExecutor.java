package dev.schemagate.runner.apply;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.runner.backfill.Checkpoint;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.db.SqlErrors;
import dev.schemagate.runner.history.HistoryStore;
import dev.schemagate.runner.publish.TrackState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one phase's statements against the database and records its success in the same
 * transaction as its last change. Every statement runs under the configured {@code lock_timeout};
 * when a lock is not granted (SQLSTATE 55P03, or a deadlock 40P01) the attempt is abandoned and
 * retried after a growing pause with jitter, at most {@link RetryPolicy#attempts()} times, so the
 * runner never waits in the lock queue in front of live traffic for long.
 *
 * <ul>
 *   <li>A transactional phase runs in one transaction; a retry re-runs the whole transaction. The
 *       history row is finished as {@code succeeded} (and {@code track_state} updated) inside that
 *       transaction: the phase and its record commit together or not at all.
 *   <li>A non-transactional phase runs statement by statement, each committing on its own; a retry
 *       repeats the statement. Completed statements are counted in the history, so a resumed phase
 *       starts at the first statement that had not completed ({@code SET}/{@code RESET} are always
 *       replayed: they are session state). Before each {@code CREATE INDEX CONCURRENTLY} an INVALID
 *       index of that name, and before each {@code REINDEX … CONCURRENTLY} the INVALID
 *       {@code _ccnew}/{@code _ccold} copies an earlier attempt left, are dropped first
 *       ({@link InvalidIndexCleanup}).
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

  public PhaseExecutor(Database db, HistoryStore store, RolloutSettings settings, Optional<BackfillExecutor> backfill,
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
  public void run(PhaseWork work, long historyId, int resumeFrom, Checkpoint checkpoint, TrackState state)
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

  private void runTransactional(PhaseWork work, long historyId, TrackState state) throws InterruptedException {
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      int current = -1;
      Connection c = null;
      try {
        c = db.open();
        SessionSettings.apply(c, settings);
        c.setAutoCommit(false);
        for (int i = 0; i < work.statements().size(); i++) {
          current = i;
          execute(c, work.statements().get(i));
        }
        current = -1;
        HistoryStore.finishSucceeded(c, historyId, state);
        c.commit();
        return;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (SqlErrors.isLockWait(e) && attempt < retry.attempts()) {
          pause(work, current, e, attempt);
          continue;
        }
        throw failure(work, where(work, current) + SqlErrors.describe(e) + gaveUp(e, attempt, started), e);
      } finally {
        closeQuietly(c);
      }
    }
  }

  private void runStatementByStatement(PhaseWork work, long historyId, int resumeFrom, TrackState state)
      throws InterruptedException {
    long started = System.nanoTime();
    try (Connection c = open(work)) {
      for (int i = 0; i < work.statements().size(); i++) {
        ParsedStatement st = work.statements().get(i);
        if (i < resumeFrom && !isSessionSetting(st)) {
          log.accept(work.label() + ": statement " + (i + 1) + " (line " + st.source().line()
              + ") completed in an earlier attempt; skipped");
          continue;
        }
        for (int attempt = 1; ; attempt++) {
          try {
            if (InvalidIndexCleanup.applies(st)) {
              dropInvalidIndex(c, work, st);
            }
            execute(c, st);
            break;
          } catch (SQLException e) {
            if (SqlErrors.isLockWait(e) && attempt < retry.attempts()) {
              pause(work, i, e, attempt);
              continue;
            }
            throw failure(work, where(work, i) + SqlErrors.describe(e) + gaveUp(e, attempt, started), e);
          }
        }
        try {
          store.statementsDone(historyId, i + 1);
        } catch (SQLException e) {
          throw failure(work, "recording progress after statement " + (i + 1) + ": " + SqlErrors.describe(e), e);
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

  private void dropInvalidIndex(Connection c, PhaseWork work, ParsedStatement st) throws SQLException {
    String attempt = st.kind() == StatementKind.REINDEX
        ? "REINDEX CONCURRENTLY; the index is rebuilt next" : "CREATE INDEX CONCURRENTLY; it is built again next";
    for (String invalid : InvalidIndexCleanup.leftovers(c, st)) {
      log.accept(work.label() + ": dropping INVALID index " + invalid + " left by an earlier attempt of " + attempt);
      try (Statement s = c.createStatement()) {
        // A TOAST table's index cannot be dropped concurrently; plain DROP INDEX under the session's lock_timeout.
        s.execute((invalid.startsWith("pg_toast.") ? "DROP INDEX IF EXISTS " : "DROP INDEX CONCURRENTLY IF EXISTS ") + invalid);
      }
    }
  }

  private void recordSuccess(PhaseWork work, long historyId, TrackState state) {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      HistoryStore.finishSucceeded(c, historyId, state);
      c.commit();
    } catch (SQLException e) {
      throw failure(work, "its statements completed, but recording success failed: " + SqlErrors.describe(e), e);
    }
  }

  private void execute(Connection c, ParsedStatement st) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setEscapeProcessing(false);
      s.execute(st.source().text());
    }
  }

  private void pause(PhaseWork work, int statement, SQLException e, int attempt) throws InterruptedException {
    Duration pause = retry.pause(attempt);
    log.accept(work.label() + ": " + where(work, statement) + "lock not granted (" + SqlErrors.describe(e)
        + "); attempt " + attempt + "/" + retry.attempts() + ", retrying in " + pause.toMillis() + " ms");
    Thread.sleep(pause.toMillis());
  }

  private String gaveUp(SQLException e, int attempt, long started) {
    if (!SqlErrors.isLockWait(e)) {
      return "";
    }
    return "; lock not granted in " + attempt + " attempts over " + (System.nanoTime() - started) / 1_000_000_000 + " s";
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
    return "statement " + (statement + 1) + " (" + work.file() + ":" + st.source().line() + ": "
        + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "): ";
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
