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
    Duration longTransactionThreshold,
    Duration longTransactionWait,
    Duration runnerLockWait,
    JsonNode gates,
    JsonNode contractGate) {

  public static final RolloutSettings DEFAULTS = new RolloutSettings(
      Duration.ofSeconds(3), Duration.ofHours(1), 8, Duration.ofMillis(500), Duration.ofSeconds(30),
      Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(30),
      MissingNode.getInstance(), MissingNode.getInstance());

  private static final List<String> KEYS = List.of(
      "lock_timeout", "statement_timeout", "retry_attempts", "retry_backoff", "retry_max_backoff",
      "long_transaction_threshold", "long_transaction_wait", "runner_lock_wait", "gates", "contract_gate",
      // bound by publish.PublishSettings from the raw section
      "publish");


  /** The settings of a repository's configuration (defaults for every key it leaves out). */
  public static RolloutSettings of(SchemagateConfig config) {
    return parse(config.rollout());
  }

  /** Binds the raw section strictly: unknown keys and malformed values are errors naming the key. */
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
        throw fail("unknown key \"" + key + "\" in rollout (known keys: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    RolloutSettings d = DEFAULTS;
    int attempts = node.has("retry_attempts") ? positiveInt(node.get("retry_attempts"), "retry_attempts") : d.retryAttempts;
    return new RolloutSettings(
        duration(node, "lock_timeout", d.lockTimeout),
        duration(node, "statement_timeout", d.statementTimeout),
        attempts,
        duration(node, "retry_backoff", d.retryBackoff),
        duration(node, "retry_max_backoff", d.retryMaxBackoff),
        duration(node, "long_transaction_threshold", d.longTransactionThreshold),
        duration(node, "long_transaction_wait", d.longTransactionWait),
        duration(node, "runner_lock_wait", d.runnerLockWait),
        node.has("gates") ? node.get("gates") : MissingNode.getInstance(),
        node.has("contract_gate") ? node.get("contract_gate") : MissingNode.getInstance());
  }

  public RolloutSettings withLockTimeout(Duration d) {
    return new RolloutSettings(d, statementTimeout, retryAttempts, retryBackoff, retryMaxBackoff,
        longTransactionThreshold, longTransactionWait, runnerLockWait, gates, contractGate);
  }

  public RolloutSettings withRetries(int attempts, Duration backoff, Duration maxBackoff) {
    return new RolloutSettings(lockTimeout, statementTimeout, attempts, backoff, maxBackoff,
        longTransactionThreshold, longTransactionWait, runnerLockWait, gates, contractGate);
  }

  public RolloutSettings withLongTransactions(Duration threshold, Duration wait) {
    return new RolloutSettings(lockTimeout, statementTimeout, retryAttempts, retryBackoff, retryMaxBackoff,
        threshold, wait, runnerLockWait, gates, contractGate);
  }

  public RolloutSettings withRunnerLockWait(Duration wait) {
    return new RolloutSettings(lockTimeout, statementTimeout, retryAttempts, retryBackoff, retryMaxBackoff,
        longTransactionThreshold, longTransactionWait, wait, gates, contractGate);
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
    throw fail("rollout." + key + ": \"" + v.asText() + "\" is not a duration (e.g. " + Durations.EXAMPLES + ")");
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
