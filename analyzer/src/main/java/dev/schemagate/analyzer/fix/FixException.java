package dev.schemagate.analyzer.fix;

/** Fixes that cannot be applied as given: overlapping edits, a stale or missing file. */
public class FixException extends RuntimeException {

  public FixException(String message) {
    super(message);
  }

  public FixException(String message, Throwable cause) {
    super(message, cause);
  }
}
