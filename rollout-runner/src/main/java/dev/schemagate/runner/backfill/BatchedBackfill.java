package dev.schemagate.runner.backfill;

import dev.schemagate.runner.apply.BackfillExecutor;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The runner core's {@link BackfillExecutor}: reads the phase's batch statement and directive
 * ({@link BackfillSpec#of(dev.schemagate.runner.apply.PhaseWork)}) and runs it with {@link
 * BackfillRunner}, checkpointing in the phase's history row. A backfill that cannot go on is
 * reported as an {@link SQLException} whose message names the file and the reason, so the runner
 * records the phase as failed (resumable) with it.
 */
public final class BatchedBackfill implements BackfillExecutor {

  private final ProgressSink sink;
  private final BackfillRunner runner;

  /** A progress bar on a terminal, log lines otherwise. */
  public BatchedBackfill() {
    this(ProgressSink.auto(), new BackfillRunner());
  }

  public BatchedBackfill(ProgressSink sink, BackfillRunner runner) {
    this.sink = sink;
    this.runner = runner;
  }

  /**
   * The line that ends a backfill: rows changed (and their rate), rows visited (and theirs), what
   * the throttle did.
   */
  public static String summary(String label, BackfillResult r) {
    return String.format(
        Locale.ROOT,
        "%s: %d rows changed in %d batches (%.0f rows/s changed; %d rows visited, %.0f/s), %s,"
            + " %d lock timeouts, %d adaptive back-offs, up to %d workers%s",
        label,
        r.rowsChanged(),
        r.batches(),
        r.rowsPerSecond(),
        r.rowsVisited(),
        r.visitedPerSecond(),
        BackfillProgress.clock(r.elapsed()),
        r.lockTimeouts(),
        r.backoffs(),
        r.mostWorkers(),
        r.walkBound() == null
            ? ""
            : ", walk bounded at key " + r.walkBound() + " (the last key when it began)");
  }

  @Override
  public void run(Request request) throws SQLException, InterruptedException {
    try {
      BackfillSpec spec = BackfillSpec.of(request.work());
      request
          .log()
          .accept(
              request.work().label()
                  + ": batches over "
                  + spec.tableName()
                  + " by ("
                  + String.join(", ", spec.key())
                  + ")"
                  + request.checkpoint().lastKey().map(k -> ", resuming after key " + k).orElse("")
                  + "; "
                  + spec.settings());
      BackfillResult r = runner.execute(request.database(), spec, request.checkpoint(), sink);
      request.log().accept(summary(request.work().label(), r));
    } catch (BackfillException e) {
      throw new SQLException(e.getMessage(), (String) null, e);
    }
  }
}
