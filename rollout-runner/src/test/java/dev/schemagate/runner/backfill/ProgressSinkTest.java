package dev.schemagate.runner.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the progress bar and the log lines show. */
class ProgressSinkTest {

  private static BackfillProgress halfway(boolean done) {
    return new BackfillProgress(
        "public.orders",
        500_000,
        499_000,
        1_000_000,
        100_000,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        12_000,
        Duration.ofMillis(148),
        Duration.ZERO,
        Duration.ofMillis(3),
        2,
        null,
        done);
  }

  @Test
  void logLinesCarryRateEtaAndThrottleState() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressSink sink =
        new ProgressSink.LogLines(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofHours(1));
    sink.progress(halfway(false)); // within the first hour: no line yet
    sink.finished(halfway(true));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(
        "backfill public.orders: done, 500000/1000000 rows visited, 499000 changed, 100000 rows/s, elapsed 0:05, "
            + "batch 12000 rows (last 148 ms), pause 0 ms, replication lag 3 ms, lock timeouts 2\n",
        out.replace("\r\n", "\n"));
    assertEquals(
        "backfill public.orders: 50.0%, 500000/1000000 rows visited, 499000 changed, 100000 rows/s, elapsed 0:05, ETA 0:05, "
            + "batch 12000 rows (last 148 ms), pause 0 ms, replication lag 3 ms, lock timeouts 2",
        ProgressSink.LogLines.line(halfway(false)));
  }

  @Test
  void theBarIsRedrawnInPlace() {
    StringWriter text = new StringWriter();
    ProgressSink sink = new ProgressSink.TerminalProgressBar(new PrintWriter(text));
    sink.progress(halfway(false));
    sink.finished(halfway(true));
    String out = text.toString();
    assertTrue(
        out.startsWith(
            "\rpublic.orders [###############---------------] 50.0% 500,000 rows 100,000 rows/s batch 12,000 ETA 0:05\033[K"),
        out);
    assertTrue(
        out.contains(
            "\rpublic.orders [##############################] 100.0% 500,000 rows 100,000 rows/s batch 12,000 done in 0:05"),
        out);
  }
}
