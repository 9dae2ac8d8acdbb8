package dev.schemagate.runner.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.config.RolloutSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Attempts end at retry_attempts or retry_budget, whichever comes first; pauses are jittered within
 * their step.
 */
class RetryPolicyTest {

  @Test
  void theBudgetEndsTheAttemptsBeforeTheirCountDoes() {
    RetryPolicy p =
        new RetryPolicy(100, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1));
    assertTrue(p.allows(5, Duration.ofMillis(800), Duration.ofMillis(100)));
    assertFalse(
        p.allows(5, Duration.ofMillis(950), Duration.ofMillis(100)),
        "the pause would end past the budget");
    assertFalse(p.allows(100, Duration.ZERO, Duration.ZERO), "no attempt after the last one");
  }

  @Test
  void pausesDoubleUpToTheMaximumWithHalfOfEachStepRandom() {
    RetryPolicy p = RetryPolicy.of(RolloutSettings.DEFAULTS);
    for (int i = 0; i < 200; i++) {
      long first = p.pause(1).toMillis();
      assertTrue(first >= 100 && first <= 200, "attempt 1: " + first);
      long capped = p.pause(30).toMillis();
      assertTrue(capped >= 2_500 && capped <= 5_000, "attempt 30: " + capped);
    }
    assertEquals(Duration.ofMinutes(3), p.budget());
  }
}
