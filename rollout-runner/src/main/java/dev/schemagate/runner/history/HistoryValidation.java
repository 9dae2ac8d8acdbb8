package dev.schemagate.runner.history;

import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.runner.RunnerException;
import java.util.Optional;

/**
 * Checks the repository against what the database says it applied, before anything runs (as
 * Flyway's "validate" does): an applied phase whose file changed or disappeared stops the run, and
 * so does a phase added below one already applied.
 */
public final class HistoryValidation {

  private HistoryValidation() {}

  public static void validate(Track track, AppliedHistory history) {
    for (HistoryRow row : history.appliedRows()) {
      Optional<PhaseFile> file =
          track.version(row.version()).flatMap(v -> v.phase(PhaseKind.fromId(row.phase())));
      if (file.isEmpty()) {
        throw new RunnerException(
            row.file()
                + ": applied as "
                + row.label()
                + " ("
                + row.checksum()
                + ", commit "
                + row.commit()
                + ") but no longer in the repository; restore it");
      }
      String now = "sha256:" + file.get().checksum();
      if (!now.equals(row.checksum())) {
        throw new RunnerException(
            file.get().repoPath()
                + " changed after it was applied as "
                + row.label()
                + ": applied "
                + row.checksum()
                + " (commit "
                + row.commit()
                + "), repository now "
                + now
                + ". Restore the applied content and put further changes in a new version.");
      }
    }
    // Every prerequisite of an applied phase must be applied too; computed once per applied phase.
    java.util.Map<PhaseFile, HistoryRow> neededBy = new java.util.HashMap<>();
    for (HistoryRow row : history.appliedRows()) {
      Optional<PhaseFile> applied =
          track.version(row.version()).flatMap(v -> v.phase(PhaseKind.fromId(row.phase())));
      if (applied.isPresent()) {
        for (PhaseFile needed : track.prerequisites(applied.get())) {
          neededBy.putIfAbsent(needed, row);
        }
      }
    }
    for (PhaseFile file : track.applyOrder()) {
      HistoryRow row = neededBy.get(file);
      if (row != null && !history.isApplied(file.version(), file.phase())) {
        throw new RunnerException(
            file.repoPath()
                + ": "
                + file.label()
                + " is not applied, but "
                + row.label()
                + " which comes after it is; a phase cannot be added below applied ones"
                + " (give it a version above "
                + maxApplied(track, history)
                + ")");
      }
    }
  }

  private static int maxApplied(Track track, AppliedHistory history) {
    int max = 0;
    for (MigrationVersion v : track.versions()) {
      for (PhaseFile f : v.phaseFiles()) {
        if (history.isApplied(f.version(), f.phase())) {
          max = Math.max(max, f.version());
        }
      }
    }
    return max;
  }
}
