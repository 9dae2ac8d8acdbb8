package dev.schemagate.watcher;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The watcher's log: one line per event on a writer (stderr in the CLI), every line redacted first.
 * There is no other way for the watcher to print, so no credential can leak around it.
 */
public final class WatchLog {

  private final PrintWriter out;
  private final Redactor redactor;

  public WatchLog(PrintWriter out, Redactor redactor) {
    this.out = out;
    this.redactor = redactor;
  }

  public Redactor redactor() {
    return redactor;
  }

  public void info(String message) {
    line("info", message);
  }

  public void warn(String message) {
    line("warn", message);
  }

  /** A warning with the cause's message chain (never its stack trace). */
  public void warn(String message, Throwable cause) {
    line("warn", message + ": " + describe(cause));
  }

  /** The messages of a throwable and its causes, joined: what went wrong, without a stack trace. */
  public static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    String last = null;
    for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
      String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
      if (last != null && last.contains(m)) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : ": ").append(m);
      last = m;
    }
    return sb.toString();
  }

  private synchronized void line(String level, String message) {
    out.println(
        Instant.now().truncatedTo(ChronoUnit.MILLIS)
            + " "
            + level
            + " "
            + redactor.redact(message));
    out.flush();
  }
}
