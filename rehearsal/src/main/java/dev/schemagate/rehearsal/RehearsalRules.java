package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import java.util.List;

/** The rule ids of rehearsal findings, documented in docs/rehearsal.md#findings. */
public final class RehearsalRules {

  public static final String STALL = "rehearsal/stall-budget";
  public static final String P99 = "rehearsal/p99-budget";
  public static final String PLAN = "rehearsal/plan-regression";
  public static final String FAILED = "rehearsal/phase-failed";

  public static final List<RuleInfo> ALL =
      List.of(
          new RuleInfo(
              STALL,
              Severity.ERROR,
              "A phase stalled the workload (no query completed) longer than rehearsal.max_stall, at full scale.",
              "docs/rehearsal.md#rehearsalstall-budget"),
          new RuleInfo(
              P99,
              Severity.ERROR,
              "The workload's p99 during a phase exceeded rehearsal.max_p99_ratio times its baseline p99.",
              "docs/rehearsal.md#rehearsalp99-budget"),
          new RuleInfo(
              PLAN,
              Severity.WARNING,
              "A listed query's plan regressed after a phase (index no longer used, sequential scan on a"
                  + " large table, estimated cost up).",
              "docs/rehearsal.md#rehearsalplan-regression"),
          new RuleInfo(
              FAILED,
              Severity.ERROR,
              "A phase failed when the real runner applied it on the rehearsal database.",
              "docs/rehearsal.md#rehearsalphase-failed"));

  private RehearsalRules() {}
}
