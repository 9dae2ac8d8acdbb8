package dev.schemagate.analyzer.repo;

import dev.schemagate.analyzer.check.Severity;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code rehearsal:} section of {@code schemagate.yaml}: what {@code schemagate rehearse} holds
 * a change to (docs/rehearsal.md#budgets). Read and validated with the rest of the file, so {@code
 * check} rejects a bad budget before any rehearsal runs.
 *
 * @param maxStall the longest time the workload may complete no query during one phase (empty: no
 *     budget)
 * @param maxP99Ratio the workload's p99 during a phase over its baseline p99 (empty: no budget)
 * @param planRegression the severity of a plan regression finding (error or warning)
 * @param planCostRatio a query's estimated cost after a phase over before it, above which the plan
 *     regressed
 * @param largeTableRows a sequential scan on a table of at least this many rows (at full scale) is
 *     a regression
 */
public record RehearsalBudgets(
    Optional<Duration> maxStall,
    Optional<Double> maxP99Ratio,
    Severity planRegression,
    double planCostRatio,
    long largeTableRows) {

  public static final RehearsalBudgets DEFAULTS =
      new RehearsalBudgets(Optional.empty(), Optional.empty(), Severity.WARNING, 2.0, 10_000);
}
