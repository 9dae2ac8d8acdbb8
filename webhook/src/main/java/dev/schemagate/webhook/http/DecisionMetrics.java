package dev.schemagate.webhook.http;

import dev.schemagate.contract.window.EnforcementMode;
import dev.schemagate.contract.window.Reason;
import dev.schemagate.contract.window.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code schemagate_admission_decisions_total{outcome,reason,mode}} and {@code
 * schemagate_admission_seconds} (decision latency, from body read to answer written).
 */
@ApplicationScoped
public class DecisionMetrics {

  private final MeterRegistry registry;
  private final Timer latency;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  @Inject
  public DecisionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("schemagate.admission")
            .description("Time to answer one AdmissionReview")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Outcome {@code allowed}, {@code denied}, or {@code warned}/{@code audited} in the soft modes.
   */
  void count(Verdict v, EnforcementMode mode) {
    String outcome;
    if (!v.denied()) {
      outcome = "allowed";
    } else if (!v.allowed()) {
      outcome = "denied";
    } else {
      outcome = mode == EnforcementMode.WARN ? "warned" : "audited";
    }
    counter(outcome, v.reason().label(), mode.label()).increment();
  }

  void countRejected(EnforcementMode mode) {
    counter("rejected", "bad-request", mode.label()).increment();
  }

  void record(long nanos) {
    latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private Counter counter(String outcome, String reason, String mode) {
    return counters.computeIfAbsent(
        outcome + '|' + reason + '|' + mode,
        k ->
            Counter.builder("schemagate.admission.decisions")
                .description("Admission decisions by outcome, reason and enforcement mode")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .tag("mode", mode)
                .register(registry));
  }

  /** Used by tests: how many decisions with these labels were counted. */
  public double count(String outcome, Reason reason, EnforcementMode mode) {
    Counter c = counters.get(outcome + '|' + reason.label() + '|' + mode.label());
    return c == null ? 0 : c.count();
  }
}
