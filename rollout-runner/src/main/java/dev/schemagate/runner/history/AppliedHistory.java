package dev.schemagate.runner.history;

import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a track's history says is applied. A phase is applied when it has a {@code succeeded} row
 * and no {@code succeeded} rollback of its version was recorded after that row (docs/state.md).
 */
public final class AppliedHistory {

  private final String track;
  private final List<HistoryRow> rows;

  private AppliedHistory(String track, List<HistoryRow> rows) {
    this.track = track;
    this.rows = rows;
  }

  /**
   * The history of {@code track} among {@code rows} (any order; rows of other tracks are ignored).
   */
  public static AppliedHistory of(String track, List<HistoryRow> rows) {
    List<HistoryRow> own =
        new ArrayList<>(rows.stream().filter(r -> r.track().equals(track)).toList());
    own.sort((a, b) -> Long.compare(a.id(), b.id()));
    return new AppliedHistory(track, List.copyOf(own));
  }

  public String track() {
    return track;
  }

  public List<HistoryRow> rows() {
    return rows;
  }

  /** The row that applied the phase, when it is applied. */
  public Optional<HistoryRow> applied(int version, PhaseKind phase) {
    HistoryRow success = null;
    for (HistoryRow r : rows) {
      if (r.version() != version || !r.succeeded()) {
        continue;
      }
      if (r.phase().equals(phase.id())) {
        success = r;
      } else if (r.phase().equals(HistoryRow.ROLLBACK)
          && success != null
          && r.id() > success.id()) {
        success = null;
      }
    }
    return Optional.ofNullable(success);
  }

  public boolean isApplied(int version, PhaseKind phase) {
    return applied(version, phase).isPresent();
  }

  /** Every applied phase's row, oldest first. */
  public List<HistoryRow> appliedRows() {
    List<HistoryRow> out = new ArrayList<>();
    for (HistoryRow r : rows) {
      if (!r.succeeded() || r.phase().equals(HistoryRow.ROLLBACK)) {
        continue;
      }
      PhaseKind kind = PhaseKind.fromId(r.phase());
      applied(r.version(), kind).filter(a -> a.id() == r.id()).ifPresent(out::add);
    }
    return out;
  }

  /** The phase files of {@code t} that are applied (for the compatibility window). */
  public List<PhaseFile> appliedFiles(Track t) {
    List<PhaseFile> out = new ArrayList<>();
    for (PhaseFile f : t.applyOrder()) {
      if (isApplied(f.version(), f.phase())) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether the version's contract ever succeeded (a contract cannot be undone by a rollback). */
  public boolean contractRan(int version) {
    return rows.stream()
        .anyMatch(
            r ->
                r.version() == version
                    && r.succeeded()
                    && r.phase().equals(PhaseKind.CONTRACT.id()));
  }

  /** The latest attempt at a phase (any outcome), for resuming its progress. */
  public Optional<HistoryRow> lastAttempt(int version, String phase) {
    HistoryRow last = null;
    for (HistoryRow r : rows) {
      if (r.version() == version && r.phase().equals(phase)) {
        last = r;
      }
    }
    return Optional.ofNullable(last);
  }
}
