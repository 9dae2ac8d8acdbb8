package dev.schemagate.runner.apply;

import dev.schemagate.runner.config.RolloutSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between attempts whose lock was not granted: exponential backoff with "equal jitter" (half
 * the step fixed, half random), so several blocked runners or retries never line up, and the runner
 * never queues in front of live traffic for longer than one {@code lock_timeout} at a time. A
 * statement is tried at most {@code attempts} times and for at most {@code budget} (attempts and
 * pauses together), whichever ends first.
 */
public record RetryPolicy(int attempts, Duration backoff, Duration maxBackoff, Duration budget) {

  public static RetryPolicy of(RolloutSettings s) {
    return new RetryPolicy(
        s.retryAttempts(), s.retryBackoff(), s.retryMaxBackoff(), s.retryBudget());
  }

  /** The pause after failed attempt number {@code attempt} (1-based). */
  public Duration pause(int attempt) {
    long base = backoff.toMillis();
    long step = Math.min(maxBackoff.toMillis(), base << Math.min(20, attempt - 1));
    long half = step / 2;
    return Duration.ofMillis(
        half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
  }

  /**
   * Whether another attempt may follow failed attempt {@code attempt} after {@code pause}, the
   * statement's attempts having started {@code elapsed} ago.
   */
  public boolean allows(int attempt, Duration elapsed, Duration pause) {
    return attempt < attempts && elapsed.plus(pause).compareTo(budget) < 0;
  }
}
