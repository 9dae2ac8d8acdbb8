package dev.schemagate.contract.state;

import dev.schemagate.contract.window.CompatibilityWindow;
import java.time.Instant;

/**
 * The live state of one track as the history records it (row of {@code schemagate.track_state}, see
 * docs/state.md): the compatibility window and the phase that moved it last.
 */
public record TrackState(
    String track,
    int contracted,
    int expanded,
    Integer lastVersion,
    String lastPhase,
    String lastCommit,
    Instant updatedAt) {

  /**
   * The track's live window.
   *
   * @throws IllegalArgumentException when the row breaks the window's rules (the table's CHECKs
   *     make that impossible unless someone edited it by hand)
   */
  public CompatibilityWindow window() {
    return new CompatibilityWindow(track, contracted, expanded);
  }
}
