package dev.schemagate.drift.replay;

import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.runner.history.HistoryRow;

/**
 * One phase file to replay, as far as the history says it ran.
 *
 * @param row the history row that applied it (or the attempt that is partly done)
 * @param statements how many of the file's statements ran; -1 for all
 * @param skipData leave out data statements: a backfill's batch statements ({@code $1}/{@code $2})
 *     move rows, and the replayed database has none; its schema is all drift compares
 */
public record ReplayStep(HistoryRow row, PhaseFile file, int statements, boolean skipData) {

  public String label() {
    return row.label()
        + (statements >= 0
            ? " (first " + statements + " statement(s), partly applied)"
            : row.succeeded() ? "" : " (" + row.outcome() + ", partly applied)");
  }
}
