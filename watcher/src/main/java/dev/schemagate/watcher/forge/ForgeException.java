package dev.schemagate.watcher.forge;

/** A forge request that failed; the message says what to fix (token, permission, rate limit). */
public class ForgeException extends Exception {

  private final int status;

  public ForgeException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}
