package dev.schemagate.runner.backfill;

/**
 * A backfill that cannot start or cannot go on: a bad file, a missing table or index, a batch
 * statement PostgreSQL rejects, or locks never granted. The message names the file (and line) and
 * what is wrong; committed batches stay committed and a rerun resumes after them.
 */
public class BackfillException extends RuntimeException {

  public BackfillException(String message) {
    super(message);
  }

  public BackfillException(String message, Throwable cause) {
    super(message, cause);
  }
}
