package dev.schemagate.drift.replay;

/**
 * The repository or the databases do not allow a comparison (exit code 2); the message says why and
 * what to do.
 */
public final class DriftInputException extends RuntimeException {

  public DriftInputException(String message) {
    super(message);
  }

  public DriftInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
