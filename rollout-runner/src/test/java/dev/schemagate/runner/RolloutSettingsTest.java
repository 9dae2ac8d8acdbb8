package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.RepositoryException;
import dev.schemagate.analyzer.repo.SchemagateConfig;
import dev.schemagate.runner.config.RolloutSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutSettingsTest {

  @TempDir Path dir;

  SchemagateConfig config(String rollout) throws Exception {
    Files.createDirectories(dir.resolve("migrations/app"));
    return SchemagateConfig.parse(
        "tracks:\n  app:\n    pg_version: 17\n" + rollout, "schemagate.yaml", dir);
  }

  @Test
  void readsTheRolloutSectionAndKeepsGatesRaw() throws Exception {
    RolloutSettings s =
        RolloutSettings.of(
            config(
                """
        rollout:
          lock_timeout: 2s
          statement_timeout: 30min
          retry_attempts: 5
          retry_backoff: 250ms
          long_transaction_threshold: 1min
          gates:
            replication_lag: { max: 10s }
          contract_gate:
            namespaces: [shop]
        """));
    assertEquals(Duration.ofSeconds(2), s.lockTimeout());
    assertEquals(Duration.ofMinutes(30), s.statementTimeout());
    assertEquals(5, s.retryAttempts());
    assertEquals(Duration.ofMillis(250), s.retryBackoff());
    assertEquals(Duration.ofMinutes(1), s.longTransactionThreshold());
    assertEquals(RolloutSettings.DEFAULTS.longTransactionWait(), s.longTransactionWait());
    assertEquals("10s", s.gates().get("replication_lag").get("max").asText());
    assertEquals("shop", s.contractGate().get("namespaces").get(0).asText());
  }

  @Test
  void withoutTheSectionEverythingIsDefault() throws Exception {
    assertEquals(RolloutSettings.DEFAULTS, RolloutSettings.of(config("")));
  }

  @Test
  void theDefaultsNeverQueueLongInFrontOfTrafficAndRetryWithinABudget() {
    RolloutSettings d = RolloutSettings.DEFAULTS;
    assertEquals(Duration.ofMillis(200), d.lockTimeout());
    assertEquals(60, d.retryAttempts());
    assertEquals(Duration.ofMillis(200), d.retryBackoff());
    assertEquals(Duration.ofSeconds(5), d.retryMaxBackoff());
    assertEquals(Duration.ofMinutes(3), d.retryBudget());
    assertEquals(Duration.ZERO, d.waitForBlockers());
    assertEquals(Duration.ofMinutes(10), d.concurrentIndexWait());
    assertEquals(Duration.ofSeconds(3), RolloutSettings.PREVIOUS_DEFAULTS.lockTimeout());
    assertEquals(8, RolloutSettings.PREVIOUS_DEFAULTS.retryAttempts());
  }

  @Test
  void theEffectiveSettingsAreWrittenAsTheFileWouldWriteThem() throws Exception {
    RolloutSettings s =
        RolloutSettings.of(
            config(
                "rollout:\n  lock_timeout: 1500ms\n  retry_budget: 2h\n  wait_for_blockers: 90s\n"));
    assertEquals(
        "{lock_timeout=1500ms, retry_attempts=60, retry_backoff=200ms, retry_max_backoff=5s, retry_budget=2h,"
            + " wait_for_blockers=90s, concurrent_index_wait=10min, statement_timeout=1h, long_transaction_threshold=5min,"
            + " long_transaction_wait=2min, runner_lock_wait=30s}",
        s.effective().toString());
  }

  @Test
  void aConcurrentIndexWaitOfZeroIsRefusedBecauseItWouldWaitForever() throws Exception {
    RepositoryException e =
        assertThrows(
            RepositoryException.class,
            () -> RolloutSettings.of(config("rollout:\n  concurrent_index_wait: 0\n")));
    assertEquals(
        "schemagate.yaml: rollout.concurrent_index_wait: 0 would let CREATE INDEX CONCURRENTLY wait forever;"
            + " give a duration (e.g. 10min)",
        e.getMessage());
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() throws Exception {
    RepositoryException unknown =
        assertThrows(
            RepositoryException.class,
            () -> RolloutSettings.of(config("rollout:\n  lock_timout: 2s\n")));
    assertTrue(
        unknown
            .getMessage()
            .contains(
                "unknown key \"lock_timout\" in rollout (known keys: concurrent_index_wait, contract_gate, gates, lock_timeout"),
        unknown.getMessage());
    RepositoryException bad =
        assertThrows(
            RepositoryException.class,
            () -> RolloutSettings.of(config("rollout:\n  lock_timeout: soon\n")));
    assertEquals(
        "schemagate.yaml: rollout.lock_timeout: \"soon\" is not a duration (e.g. 500ms, 10s, 1.5s, 2m, 2min, 1h)",
        bad.getMessage());
    RepositoryException attempts =
        assertThrows(
            RepositoryException.class,
            () -> RolloutSettings.of(config("rollout:\n  retry_attempts: 0\n")));
    assertTrue(
        attempts.getMessage().contains("rollout.retry_attempts: \"0\" is not a positive integer"),
        attempts.getMessage());
  }
}
