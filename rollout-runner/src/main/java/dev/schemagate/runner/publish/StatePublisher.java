package dev.schemagate.runner.publish;

import dev.schemagate.contract.state.TrackState;

/**
 * Publishes a track's live state for the admission webhook (a {@code SchemaState} object, see
 * docs/state.md). The database history stays authoritative: the runner calls this after each phase
 * and, on start, for every track, so a lost publication is repaired by the next run.
 */
public interface StatePublisher {

  void publish(TrackState state) throws PublishException;

  /** A publication that failed; the phase itself stays applied, the runner reports and goes on. */
  final class PublishException extends Exception {
    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
