package dev.schemagate.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line on stderr and exit code 2. Input problems carry a message that
 * names the file; an unexpected exception still gets one line (its type and message) so a user
 * never sees a stack trace — set SCHEMAGATE_DEBUG=1 to get it.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    boolean expected =
        ex instanceof java.io.UncheckedIOException
            || ex instanceof java.io.IOException
            || ex instanceof IllegalArgumentException
            || ex.getClass().getName().startsWith("dev.schemagate.");
    cli.getErr()
        .println(
            "schemagate: " + (expected ? message : ex.getClass().getSimpleName() + ": " + message));
    if (System.getenv("SCHEMAGATE_DEBUG") != null) {
      ex.printStackTrace(cli.getErr());
    }
    return ExitCodes.USAGE;
  }
}
