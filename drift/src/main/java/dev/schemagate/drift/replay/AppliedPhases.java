package dev.schemagate.drift.replay;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.history.AppliedHistory;
import dev.schemagate.runner.history.HistoryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which phase files the history says ran on the database, in the order they ran (history row id,
 * across tracks). A phase counts when it is applied (docs/state.md). A phase partly applied counts
 * for what of its DDL ran: a backfill in progress or failed (its DDL, if any, ran before the
 * batches), a statement-by-statement phase up to {@code statements_done}. A transactional phase
 * that failed left nothing.
 */
public final class AppliedPhases {

  private AppliedPhases() {}

  /**
   * @throws DriftInputException when an applied file is not in the repository or its content is not
   *     what was applied
   */
  public static List<ReplayStep> of(MigrationRepository repo, List<HistoryRow> rows) {
    List<ReplayStep> out = new ArrayList<>();
    for (String track : rows.stream().map(HistoryRow::track).distinct().toList()) {
      AppliedHistory history = AppliedHistory.of(track, rows);
      for (HistoryRow r : history.appliedRows()) {
        out.add(new ReplayStep(r, file(repo, r), -1, r.phase().equals(PhaseKind.BACKFILL.id())));
      }
      for (HistoryRow r : partlyApplied(history)) {
        boolean backfill = r.phase().equals(PhaseKind.BACKFILL.id());
        out.add(new ReplayStep(r, file(repo, r), backfill ? -1 : r.statementsDone(), backfill));
      }
    }
    out.sort(Comparator.comparingLong(s -> s.row().id()));
    return out;
  }

  /** The last attempt of each phase that is not applied but left schema behind. */
  private static List<HistoryRow> partlyApplied(AppliedHistory history) {
    List<HistoryRow> out = new ArrayList<>();
    for (HistoryRow r : history.rows()) {
      if (r.succeeded() || r.phase().equals(HistoryRow.ROLLBACK)) {
        continue;
      }
      PhaseKind kind = PhaseKind.fromId(r.phase());
      if (history.isApplied(r.version(), kind)) {
        continue;
      }
      Optional<HistoryRow> last = history.lastAttempt(r.version(), r.phase());
      boolean rolledBackAfter =
          history.rows().stream()
              .anyMatch(
                  x ->
                      x.id() > r.id()
                          && x.version() == r.version()
                          && x.phase().equals(HistoryRow.ROLLBACK)
                          && x.succeeded());
      if (last.isEmpty() || last.get().id() != r.id() || rolledBackAfter) {
        continue;
      }
      if (kind == PhaseKind.BACKFILL || (r.statementsDone() != null && r.statementsDone() > 0)) {
        out.add(r);
      }
    }
    return out;
  }

  private static PhaseFile file(MigrationRepository repo, HistoryRow r) {
    PhaseFile f =
        repo.phaseFiles().stream()
            .filter(p -> p.repoPath().equals(r.file()))
            .findFirst()
            .orElseThrow(
                () ->
                    new DriftInputException(
                        r.file()
                            + " was applied as "
                            + r.label()
                            + " (commit "
                            + shortId(r.commit())
                            + ") but is not in "
                            + repo.root()
                            + "; run drift on a checkout of that commit"
                            + " (--repo)"));
    String checksum = "sha256:" + f.checksum();
    if (!checksum.equals(r.checksum())) {
      throw new DriftInputException(
          r.file()
              + " changed after it was applied as "
              + r.label()
              + ": applied "
              + r.checksum()
              + " (commit "
              + shortId(r.commit())
              + "), repository now "
              + checksum
              + "; run drift on a checkout of the applied commit (--repo)");
    }
    return f;
  }

  private static String shortId(String commit) {
    return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
  }
}
