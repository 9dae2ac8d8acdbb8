package dev.schemagate.operations;

/**
 * An operation that cannot be generated for this table as the track's history left it: a one-line
 * reason.
 */
public final class OperationException extends RuntimeException {

  public OperationException(String message) {
    super(message);
  }
}
