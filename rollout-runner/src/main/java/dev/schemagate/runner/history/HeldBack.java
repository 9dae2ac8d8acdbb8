package dev.schemagate.runner.history;

import java.time.Instant;

/**
 * A phase a gate held back before it started ({@code schemagate.held_back}, docs/state.md): the run
 * stopped there and recorded no attempt. {@code heldAt} is null until the row is written.
 */
public record HeldBack(
    String track,
    int version,
    String phase,
    String file,
    String commit,
    String appliedBy,
    String gate,
    String reason,
    Instant heldAt) {}
