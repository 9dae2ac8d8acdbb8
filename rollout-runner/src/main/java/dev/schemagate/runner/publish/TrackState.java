package dev.schemagate.runner.publish;

import java.time.Instant;

/**
 * The live state of one track as the history records it (row of {@code schemagate.track_state},
 * see docs/state.md): the compatibility window and the phase that moved it last.
 */
public record TrackState(
    String track,
    int contracted,
    int expanded,
    Integer lastVersion,
    String lastPhase,
    String lastCommit,
    Instant updatedAt) {}
