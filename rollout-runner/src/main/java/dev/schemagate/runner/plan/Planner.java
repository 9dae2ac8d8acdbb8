package dev.schemagate.runner.plan;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.runner.history.AppliedHistory;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.history.HistoryValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The phases to run next: per track (in {@code schemagate.yaml} order), every phase not applied, in
 * the track's default order ({@link Track#applyOrder()}: version, then expand, backfill, contract),
 * up to the target when there is one. Reads only; validates the history first.
 */
public final class Planner {

  private Planner() {}

  public static List<PendingPhase> pending(
      MigrationRepository repo, List<HistoryRow> rows, Optional<Target> target) {
    return pending(repo, rows, target, false);
  }

  /**
   * @param deferContracts leave every contract pending and run only forward phases (expand,
   *     backfill): they never wait for a contract (docs/migration-format.md, "Phase order"), so the
   *     contracts can run later, once no running code needs the old shape
   */
  public static List<PendingPhase> pending(
      MigrationRepository repo,
      List<HistoryRow> rows,
      Optional<Target> target,
      boolean deferContracts) {
    if (target.isPresent()) {
      Track t = repo.tracks().get(target.get().track());
      if (t == null) {
        throw new IllegalArgumentException(
            "--to "
                + target.get()
                + ": unknown track \""
                + target.get().track()
                + "\"; tracks: "
                + repo.tracks().keySet());
      }
      if (t.version(target.get().version()).isEmpty()) {
        throw new IllegalArgumentException(
            "--to "
                + target.get()
                + ": track "
                + t.name()
                + " has no version "
                + target.get().version());
      }
      if (target.get().phase().isPresent()
          && t.version(target.get().version()).get().phase(target.get().phase().get()).isEmpty()) {
        throw new IllegalArgumentException(
            "--to "
                + target.get()
                + ": "
                + t.name()
                + "@"
                + target.get().version()
                + " has no "
                + target.get().phase().get().id()
                + " phase");
      }
    }
    List<PendingPhase> out = new ArrayList<>();
    for (Track track : repo.tracks().values()) {
      AppliedHistory history = AppliedHistory.of(track.name(), rows);
      HistoryValidation.validate(track, history);
      if (target.isPresent() && !target.get().track().equals(track.name())) {
        continue;
      }
      for (PhaseFile f : track.applyOrder()) {
        if (history.isApplied(f.version(), f.phase())
            || deferContracts && f.phase() == dev.schemagate.analyzer.repo.PhaseKind.CONTRACT) {
          continue;
        }
        if (target.isPresent() && !target.get().includes(f.version(), f.phase())) {
          break;
        }
        out.add(new PendingPhase(track, f));
      }
    }
    return out;
  }

  /** A phase file not applied yet, of its track. */
  public record PendingPhase(Track track, PhaseFile file) {}
}
