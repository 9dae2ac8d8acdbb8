package dev.schemagate.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits until a condition holds, for tests whose other side (a server, a second session, a child
 * process) gets there in its own time. Polls at 10 ms, backing off to 200 ms, so a fast condition
 * costs little and a slow one does not spin; on timeout it fails with what was awaited and the last
 * value or exception seen, which is what one needs to read a failure in CI.
 */
public final class Await {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

  /** A condition that may throw while the other side is not ready (a refused connection, say). */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** A value read each time round. */
  @FunctionalInterface
  public interface Probe<T> {
    T read() throws Exception;
  }

  private Await() {}

  /** Returns once {@code condition} holds; throws {@link AssertionError} after {@code within}. */
  public static void until(String what, Duration within, Condition condition)
      throws InterruptedException {
    value(what, within, condition::holds, Boolean.TRUE::equals);
  }

  /**
   * Returns the first value {@code probe} reads that {@code accept} takes; throws {@link
   * AssertionError} after {@code within}, naming the last value or exception.
   */
  public static <T> T value(String what, Duration within, Probe<T> probe, Predicate<T> accept)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    long pause = FIRST_PAUSE.toMillis();
    Object last = "(nothing read yet)";
    while (true) {
      try {
        T read = probe.read();
        if (accept.test(read)) {
          return read;
        }
        last = read;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        AssertionError timeout =
            new AssertionError(
                what + ": not within " + describe(within) + "; last seen: " + lastSeen(last));
        if (last instanceof Exception e) {
          timeout.initCause(e);
        }
        throw timeout;
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String lastSeen(Object last) {
    return last instanceof Exception e
        ? e.getClass().getSimpleName() + ": " + e.getMessage()
        : String.valueOf(last);
  }
}
