package dev.schemagate.runner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.schemagate.analyzer.repo.Durations;
import dev.schemagate.analyzer.repo.RepositoryException;
import dev.schemagate.analyzer.repo.SchemagateConfig;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code rollout:} section of {@code schemagate.yaml} (documented in docs/migration-format.md).
 * Durations are written like PostgreSQL settings: {@code 3s}, {@code 500ms}, {@code 2min}, or a
 * bare number of milliseconds.
 *
 * @param lockTimeout {@code lock_timeout} set on the runner's session before each phase
 * @param statementTimeout {@code statement_timeout}; zero disables it
 * @param retryAttempts how many times a statement (or a transactional phase) is tried when its lock
 *     is not granted before the phase ends failed
 * @param retryBackoff the first pause between attempts; each later pause doubles, with jitter
 * @param retryMaxBackoff the longest pause between attempts
 * @param retryBudget the most time one statement (or transactional phase) spends on attempts and
 *     pauses before the phase ends failed, whichever of it and {@code retryAttempts} comes first
 * @param waitForBlockers after a lock is not granted, how long to wait (outside the lock queue) for
 *     the sessions that were in the way to end their transactions before the next attempt; zero:
 *     retry after the backoff alone
 * @param concurrentIndexWait how long {@code CREATE INDEX CONCURRENTLY} / {@code REINDEX …
 *     CONCURRENTLY} may wait for older transactions to finish (they block neither reads nor writes
 *     while they wait); then the INVALID index is dropped and the phase fails naming them
 * @param longTransactionThreshold a transaction open longer than this that holds a lock on one of
 *     the phase's tables holds the phase back
 * @param longTransactionWait how long to wait for such transactions to end before failing
 * @param runnerLockWait how long a second runner waits for the database's runner lock
 * @param gates the raw {@code gates:} sub-section (parsed by the gate implementations)
 * @param contractGate the raw {@code contract_gate:} sub-section (parsed by the contract gate)
 */
public record RolloutSettings(
    Duration lockTimeout,
    Duration statementTimeout,
    int retryAttempts,
    Duration retryBackoff,
    Duration retryMaxBackoff,
    Duration retryBudget,
    Duration waitForBlockers,
    Duration concurrentIndexWait,
    Duration longTransactionThreshold,
    Duration longTransactionWait,
    Duration runnerLockWait,
    JsonNode gates,
    JsonNode contractGate) {

  /**
   * A lock request that waits sits in the lock queue and makes every later conflicting query wait
   * behind it, so no attempt may wait long: 200 ms, retried often (backoff from 200 ms, jittered,
   * at most 5 s apart) within a total budget of 3 minutes. Issue 12 measured the previous 3 s (8
   * attempts, 500 ms to 30 s) as 3 s stalls of the whole workload per attempt.
   */
  public static final RolloutSettings DEFAULTS =
      new RolloutSettings(
          Duration.ofMillis(200),
          Duration.ofHours(1),
          60,
          Duration.ofMillis(200),
          Duration.ofSeconds(5),
          Duration.ofMinutes(3),
          Duration.ZERO,
          Duration.ofMinutes(10),
          Duration.ofMinutes(5),
          Duration.ofMinutes(2),
          Duration.ofSeconds(30),
          MissingNode.getInstance(),
          MissingNode.getInstance());

  /** The defaults before issue 12 (for benchmarks that compare both). */
  public static final RolloutSettings PREVIOUS_DEFAULTS =
      DEFAULTS
          .withLockTimeout(Duration.ofSeconds(3))
          .withRetries(8, Duration.ofMillis(500), Duration.ofSeconds(30))
          .withRetryBudget(Duration.ofHours(1));

  private static final List<String> KEYS =
      List.of(
          "lock_timeout",
          "statement_timeout",
          "retry_attempts",
          "retry_backoff",
          "retry_max_backoff",
          "retry_budget",
          "wait_for_blockers",
          "concurrent_index_wait",
          "long_transaction_threshold",
          "long_transaction_wait",
          "runner_lock_wait",
          "gates",
          "contract_gate",
          // bound by publish.PublishSettings from the raw section
          "publish");

  /** The settings of a repository's configuration (defaults for every key it leaves out). */
  public static RolloutSettings of(SchemagateConfig config) {
    return parse(config.rollout());
  }

  /**
   * Binds the raw section strictly: unknown keys and malformed values are errors naming the key.
   */
  public static RolloutSettings parse(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return DEFAULTS;
    }
    if (!node.isObject()) {
      throw fail("rollout: expected a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw fail(
            "unknown key \""
                + key
                + "\" in rollout (known keys: "
                + String.join(", ", KEYS.stream().sorted().toList())
                + ")");
      }
    }
    RolloutSettings d = DEFAULTS;
    if (node.has("concurrent_index_wait")
        && duration(node, "concurrent_index_wait", d.concurrentIndexWait).isZero()) {
      throw fail(
          "rollout.concurrent_index_wait: 0 would let CREATE INDEX CONCURRENTLY wait forever; give a duration (e.g. 10min)");
    }
    int attempts =
        node.has("retry_attempts")
            ? positiveInt(node.get("retry_attempts"), "retry_attempts")
            : d.retryAttempts;
    return new RolloutSettings(
        duration(node, "lock_timeout", d.lockTimeout),
        duration(node, "statement_timeout", d.statementTimeout),
        attempts,
        duration(node, "retry_backoff", d.retryBackoff),
        duration(node, "retry_max_backoff", d.retryMaxBackoff),
        duration(node, "retry_budget", d.retryBudget),
        duration(node, "wait_for_blockers", d.waitForBlockers),
        duration(node, "concurrent_index_wait", d.concurrentIndexWait),
        duration(node, "long_transaction_threshold", d.longTransactionThreshold),
        duration(node, "long_transaction_wait", d.longTransactionWait),
        duration(node, "runner_lock_wait", d.runnerLockWait),
        node.has("gates") ? node.get("gates") : MissingNode.getInstance(),
        node.has("contract_gate") ? node.get("contract_gate") : MissingNode.getInstance());
  }

  public RolloutSettings withLockTimeout(Duration d) {
    return new RolloutSettings(
        d,
        statementTimeout,
        retryAttempts,
        retryBackoff,
        retryMaxBackoff,
        retryBudget,
        waitForBlockers,
        concurrentIndexWait,
        longTransactionThreshold,
        longTransactionWait,
        runnerLockWait,
        gates,
        contractGate);
  }

  public RolloutSettings withRetries(int attempts, Duration backoff, Duration maxBackoff) {
    return new RolloutSettings(
        lockTimeout,
        statementTimeout,
        attempts,
        backoff,
        maxBackoff,
        retryBudget,
        waitForBlockers,
        concurrentIndexWait,
        longTransactionThreshold,
        longTransactionWait,
        runnerLockWait,
        gates,
        contractGate);
  }

  public RolloutSettings withRetryBudget(Duration budget) {
    return new RolloutSettings(
        lockTimeout,
        statementTimeout,
        retryAttempts,
        retryBackoff,
        retryMaxBackoff,
        budget,
        waitForBlockers,
        concurrentIndexWait,
        longTransactionThreshold,
        longTransactionWait,
        runnerLockWait,
        gates,
        contractGate);
  }

  public RolloutSettings withWaitForBlockers(Duration wait) {
    return new RolloutSettings(
        lockTimeout,
        statementTimeout,
        retryAttempts,
        retryBackoff,
        retryMaxBackoff,
        retryBudget,
        wait,
        concurrentIndexWait,
        longTransactionThreshold,
        longTransactionWait,
        runnerLockWait,
        gates,
        contractGate);
  }

  public RolloutSettings withConcurrentIndexWait(Duration wait) {
    return new RolloutSettings(
        lockTimeout,
        statementTimeout,
        retryAttempts,
        retryBackoff,
        retryMaxBackoff,
        retryBudget,
        waitForBlockers,
        wait,
        longTransactionThreshold,
        longTransactionWait,
        runnerLockWait,
        gates,
        contractGate);
  }

  public RolloutSettings withLongTransactions(Duration threshold, Duration wait) {
    return new RolloutSettings(
        lockTimeout,
        statementTimeout,
        retryAttempts,
        retryBackoff,
        retryMaxBackoff,
        retryBudget,
        waitForBlockers,
        concurrentIndexWait,
        threshold,
        wait,
        runnerLockWait,
        gates,
        contractGate);
  }

  public RolloutSettings withRunnerLockWait(Duration wait) {
    return new RolloutSettings(
        lockTimeout,
        statementTimeout,
        retryAttempts,
        retryBackoff,
        retryMaxBackoff,
        retryBudget,
        waitForBlockers,
        concurrentIndexWait,
        longTransactionThreshold,
        longTransactionWait,
        wait,
        gates,
        contractGate);
  }

  /**
   * The effective settings, one {@code key value} per entry in {@code schemagate.yaml} spelling, as
   * {@code plan} prints them (gates and publishing are shown per phase and not repeated).
   */
  public java.util.LinkedHashMap<String, String> effective() {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    m.put("lock_timeout", written(lockTimeout));
    m.put("retry_attempts", String.valueOf(retryAttempts));
    m.put("retry_backoff", written(retryBackoff));
    m.put("retry_max_backoff", written(retryMaxBackoff));
    m.put("retry_budget", written(retryBudget));
    m.put("wait_for_blockers", waitForBlockers.isZero() ? "0 (off)" : written(waitForBlockers));
    m.put("concurrent_index_wait", written(concurrentIndexWait));
    m.put("statement_timeout", statementTimeout.isZero() ? "0 (off)" : written(statementTimeout));
    m.put("long_transaction_threshold", written(longTransactionThreshold));
    m.put("long_transaction_wait", written(longTransactionWait));
    m.put("runner_lock_wait", written(runnerLockWait));
    return m;
  }

  /**
   * {@code 200ms}, {@code 5s}, {@code 3min}, {@code 1h}: the largest unit that writes it exactly,
   * as the file would.
   */
  public static String written(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "min";
    }
    return ms % 1_000 == 0 && ms > 0 ? ms / 1_000 + "s" : ms + "ms";
  }

  /** A duration as a PostgreSQL setting value: whole milliseconds, {@code 0} meaning none. */
  public static String pgValue(Duration d) {
    return d.toMillis() + "ms";
  }

  private static Duration duration(JsonNode node, String key, Duration fallback) {
    if (!node.has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    if (v.isIntegralNumber() && v.asLong() >= 0) {
      return Duration.ofMillis(v.asLong());
    }
    try {
      if (v.isTextual()) {
        return Durations.parse(v.asText());
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the key
    }
    throw fail(
        "rollout."
            + key
            + ": \""
            + v.asText()
            + "\" is not a duration (e.g. "
            + Durations.EXAMPLES
            + ")");
  }

  private static int positiveInt(JsonNode v, String key) {
    if (!v.isIntegralNumber() || v.asInt() < 1) {
      throw fail("rollout." + key + ": \"" + v.asText() + "\" is not a positive integer");
    }
    return v.asInt();
  }

  private static RepositoryException fail(String problem) {
    return new RepositoryException(SchemagateConfig.FILE_NAME, problem);
  }
}
