package dev.schemagate.runner.backfill;

import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a backfill reports its progress. {@link #auto()} picks a redrawn progress bar when the
 * process has a terminal ({@link System#console()}) and plain periodic log lines otherwise (CI, a
 * Kubernetes Job's log).
 */
public interface ProgressSink {

  /** After each batch, and while waiting (replication lag). Called from the backfill's thread. */
  void progress(BackfillProgress p);

  /** Once, when the backfill ends (done or not). */
  default void finished(BackfillProgress p) {
    progress(p);
  }

  /** Something the operator should know that is not progress (a lost connection, a reconnect). */
  default void notice(String message) {}

  ProgressSink NONE = p -> {};

  /** A progress bar on the terminal when there is one, else a log line every 10 s on stderr. */
  static ProgressSink auto() {
    Console console = System.console();
    if (console != null) {
      return new TerminalProgressBar(console.writer());
    }
    return new LogLines(System.err, Duration.ofSeconds(10));
  }

  /**
   * One line per {@code every} (and one at the end): for logs, where a redrawn bar would be noise.
   */
  final class LogLines implements ProgressSink {
    private final PrintStream out;
    private final long everyNanos;
    private long lastNanos = System.nanoTime();

    public LogLines(PrintStream out, Duration every) {
      this.out = out;
      this.everyNanos = every.toNanos();
    }

    @Override
    public void progress(BackfillProgress p) {
      long now = System.nanoTime();
      if (now - lastNanos >= everyNanos) {
        lastNanos = now;
        out.println(line(p));
      }
    }

    @Override
    public void finished(BackfillProgress p) {
      out.println(line(p));
    }

    @Override
    public void notice(String message) {
      out.println(message);
    }

    static String line(BackfillProgress p) {
      String head =
          p.done()
              ? "backfill " + p.table() + ": done"
              : "backfill " + p.table() + ": " + percent(p);
      return head
          + ", "
          + p.rowsVisited()
          + (p.totalRows() > 0 ? "/" + p.totalRows() : "")
          + " rows visited, "
          + p.rowsChanged()
          + " changed, "
          + Math.round(p.rowsPerSecond())
          + " rows/s, elapsed "
          + BackfillProgress.clock(p.elapsed())
          + (p.done() ? "" : ", ETA " + BackfillProgress.clock(p.eta()))
          + ", batch "
          + p.batch()
          + " rows (last "
          + p.lastBatch().toMillis()
          + " ms), pause "
          + p.pause().toMillis()
          + " ms, replication lag "
          + p.lag().toMillis()
          + " ms, lock timeouts "
          + p.lockTimeouts()
          + (p.waiting() == null ? "" : ", waiting: " + p.waiting());
    }

    static String percent(BackfillProgress p) {
      return p.totalRows() > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * p.fraction()) : "?%";
    }
  }

  /** A one-line bar redrawn in place (carriage return), at most ten times a second. */
  final class TerminalProgressBar implements ProgressSink {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private long lastNanos;

    public TerminalProgressBar(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void progress(BackfillProgress p) {
      long now = System.nanoTime();
      if (now - lastNanos >= 100_000_000L) {
        lastNanos = now;
        draw(p);
      }
    }

    @Override
    public void finished(BackfillProgress p) {
      draw(p);
      out.println();
      out.flush();
    }

    @Override
    public void notice(String message) {
      out.print("\r\033[K" + message + "\n");
      out.flush();
    }

    private void draw(BackfillProgress p) {
      int filled = (int) Math.round(p.fraction() * WIDTH);
      String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
      String tail =
          p.waiting() != null
              ? "waiting: " + p.waiting()
              : p.done()
                  ? "done in " + BackfillProgress.clock(p.elapsed())
                  : "ETA " + BackfillProgress.clock(p.eta());
      // \033[K clears what a longer previous line left on the right
      out.print(
          String.format(
              Locale.ROOT,
              "\r%s [%s] %5s %,d rows %,d rows/s batch %,d %s\033[K",
              p.table(),
              bar,
              LogLines.percent(p),
              p.rowsVisited(),
              Math.round(p.rowsPerSecond()),
              p.batch(),
              tail));
      out.flush();
    }
  }
}
