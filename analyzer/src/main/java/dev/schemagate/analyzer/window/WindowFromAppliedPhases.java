package dev.schemagate.analyzer.window;

import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.contract.window.CompatibilityWindow;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@link CompatibilityWindow} of a track of a migration repository, from the phases applied to
 * its database. Lives here, not in the contract module, because it needs the repository model.
 */
public final class WindowFromAppliedPhases {

  private WindowFromAppliedPhases() {}

  /**
   * The window of a track given the phases applied to its database (as the runner records them).
   * Phases are matched by version number and phase kind.
   *
   * <p>{@code lastExpanded} is the highest version N such that every expand and backfill of the
   * versions up to N is applied (a contract-only version is live once everything before it is);
   * {@code lastContracted} is the highest version whose contract is applied.
   *
   * @throws IllegalArgumentException when a contract is applied but the forward phases it needs are
   *     not (the history broke the phase order)
   */
  public static CompatibilityWindow of(Track track, Collection<PhaseFile> applied) {
    Set<String> done = new HashSet<>();
    for (PhaseFile f : applied) {
      if (f.track().equals(track.name())) {
        done.add(f.version() + "/" + f.phase());
      }
    }
    int lastExpanded = 0;
    int lastContracted = 0;
    boolean forwardComplete = true;
    for (MigrationVersion version : track.versions()) {
      for (PhaseFile f : version.phaseFiles()) {
        boolean isDone = done.contains(f.version() + "/" + f.phase());
        if (f.phase() == PhaseKind.CONTRACT) {
          if (isDone) {
            lastContracted = version.number();
          }
        } else if (!isDone) {
          forwardComplete = false;
        }
      }
      if (forwardComplete) {
        lastExpanded = version.number();
      }
    }
    return new CompatibilityWindow(track.name(), lastContracted, lastExpanded);
  }
}
