package dev.schemagate.runner.apply;

import dev.schemagate.runner.RunnerException;

/**
 * A phase ended {@code failed}. {@link #reason()} is what the history records; the phase is
 * resumable: the next {@code apply} runs it again (a transactional phase whole, a non-transactional
 * one from the first statement that had not completed).
 */
public final class PhaseFailedException extends RunnerException {

  private final String reason;

  public PhaseFailedException(String label, String reason, Throwable cause) {
    super(label + " failed: " + reason, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
