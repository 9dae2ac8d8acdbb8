package dev.schemagate.analyzer.check;

/** A problem with the input of a check (a malformed directive, an unknown option): exit code 2. */
public final class CheckException extends RuntimeException {
  public CheckException(String message) {
    super(message);
  }
}
