package dev.schemagate.runner.backfill;

import dev.schemagate.runner.apply.BackfillExecutor;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The runner core's {@link BackfillExecutor}: reads the phase's batch statement and directive
 * ({@link BackfillSpec#of(dev.schemagate.runner.apply.PhaseWork)}) and runs it with
 * {@link BackfillRunner}, checkpointing in the phase's history row. A backfill that cannot go on
 * is reported as an {@link SQLException} whose message names the file and the reason, so the
 * runner records the phase as failed (resumable) with it.
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

  @Override
  public void run(Request request) throws SQLException, InterruptedException {
    try {
      BackfillSpec spec = BackfillSpec.of(request.work());
      request.log().accept(request.work().label() + ": batches over " + spec.tableName() + " by (" + String.join(", ", spec.key())
          + ")" + request.checkpoint().lastKey().map(k -> ", resuming after key " + k).orElse(""));
      BackfillResult r = runner.execute(request.database(), spec, request.checkpoint(), sink);
      request.log().accept(String.format(Locale.ROOT, "%s: %d rows visited, %d changed in %d batches (%.0f rows/s, %d lock timeouts)",
          request.work().label(), r.rowsVisited(), r.rowsChanged(), r.batches(), r.rowsPerSecond(), r.lockTimeouts()));
    } catch (BackfillException e) {
      throw new SQLException(e.getMessage(), (String) null, e);
    }
  }
}
