package dev.schemagate.cli.candeploy;

/**
 * A manifest, option or state source that can-deploy cannot use; one line on stderr, exit code 2.
 */
public final class BadInput extends RuntimeException {
  public BadInput(String message) {
    super(message, null, false, false);
  }

  public BadInput(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
