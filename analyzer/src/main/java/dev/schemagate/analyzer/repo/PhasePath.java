package dev.schemagate.analyzer.repo;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * What a repository path says about a phase file, without reading it: for a path that no longer
 * exists (a phase file deleted since the base branch) this is all there is to know.
 */
public record PhasePath(
    String path, String track, int version, String versionName, PhaseKind phase) {

  /**
   * The phase file {@code path} names within {@code track} ({@code
   * <folder>/<NNNN_name>/<phase>.sql}), if any.
   */
  public static Optional<PhasePath> of(TrackConfig track, String path) {
    String folder = track.folder().toString().replace('\\', '/');
    if (!path.startsWith(folder + "/")) {
      return Optional.empty();
    }
    String[] parts = path.substring(folder.length() + 1).split("/");
    if (parts.length != 2 || !parts[1].endsWith(".sql")) {
      return Optional.empty();
    }
    Matcher version = VersionFolder.NAME.matcher(parts[0]);
    String phase = parts[1].substring(0, parts[1].length() - ".sql".length());
    if (!version.matches()
        || !(phase.equals("expand") || phase.equals("backfill") || phase.equals("contract"))) {
      return Optional.empty();
    }
    return Optional.of(
        new PhasePath(
            path,
            track.name(),
            Integer.parseInt(version.group(1)),
            version.group(2),
            PhaseKind.fromId(phase)));
  }
}
