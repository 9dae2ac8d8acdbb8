package dev.schemagate.runner;

/**
 * The rollout stopped for a reason the operator has to act on: a phase failed, a gate held it back,
 * another runner holds the database, an applied file changed, the commit is not approved. The
 * message is one line that says what and why; the CLI exits with status 1 on it.
 */
public class RunnerException extends RuntimeException {

  public RunnerException(String message) {
    super(message);
  }

  public RunnerException(String message, Throwable cause) {
    super(message, cause);
  }
}
