package dev.schemagate.trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL binaries a server needs are neither cached nor fetchable; the message says all of
 * it.
 */
public final class PgBinariesUnavailableException extends UncheckedIOException {

  public PgBinariesUnavailableException(String message) {
    super(message, new IOException(message));
  }
}
