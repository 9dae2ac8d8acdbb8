package dev.schemagate.rehearsal;

/** A rehearsal that cannot go on, with a one-line message that says what to change. */
public final class RehearsalException extends RuntimeException {

  public RehearsalException(String message) {
    super(message);
  }

  public RehearsalException(String message, Throwable cause) {
    super(message, cause);
  }
}
