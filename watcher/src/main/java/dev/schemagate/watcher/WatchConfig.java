package dev.schemagate.watcher;

import dev.schemagate.watcher.git.RemoteUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to watch.
 *
 * @param remote the repository, credentials split off
 * @param interval the time between polls
 * @param refPatterns the pull-request refs to follow (globs with {@code *}); the forge's when empty
 * @param branch the protected branch; null reads it from {@code schemagate.yaml} on the remote HEAD
 * @param path the schemagate repository root inside the Git tree ({@code ""} for the top)
 * @param stateDir the mirror, the stored verdicts and the scratch checkouts
 * @param maxFileBytes the largest file under a track or policy folder that is analyzed
 * @param fetchTimeout JGit's network timeout for one fetch
 * @param maxBackoff the longest wait between polls after repeated fetch failures
 * @param publicUrl where this watcher's pages are reachable (for the status's link), or null
 */
public record WatchConfig(
    RemoteUrl remote,
    Duration interval,
    List<String> refPatterns,
    String branch,
    String path,
    Path stateDir,
    long maxFileBytes,
    Duration fetchTimeout,
    Duration maxBackoff,
    String publicUrl) {

  public WatchConfig {
    refPatterns = List.copyOf(refPatterns);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive");
    }
    for (String p : refPatterns) {
      if (!p.startsWith("refs/")
          || p.chars().filter(c -> c == '*').count() > 1
          || p.contains("..")
          || p.contains(" ")) {
        throw new IllegalArgumentException(
            "--ref-pattern "
                + p
                + ": expected a ref glob under refs/ with at most one *"
                + " (e.g. refs/pull/*/head)");
      }
    }
  }
}
