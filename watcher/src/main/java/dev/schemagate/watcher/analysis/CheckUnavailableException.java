package dev.schemagate.watcher.analysis;

/**
 * A check that could not run for a reason about the watcher, not about the commit: a disk or Git
 * error, a scratch folder changed by something else. It is never a verdict: the watcher retries the
 * commit with backoff and shows it as waiting.
 */
public final class CheckUnavailableException extends Exception {

  public CheckUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
