package dev.schemagate.cli.runner;

import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.cli.ExitCodes;
import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.apply.PhaseWork;
import dev.schemagate.runner.gate.GateResult;
import dev.schemagate.runner.plan.PlannedPhase;
import dev.schemagate.runner.plan.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Show the phases apply would run next, in order, with their predicted locks and every gate that"
            + " would hold them back. Changes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the plan can run (or nothing to do)",
      "1:a gate or rule holds a phase back",
      "2:usage, input or connection error"
    })
public final class PlanCommand extends RunnerCommand {

  @Mixin RunnerOptions db;
  @Mixin RepoOptions repo;

  @Option(
      names = "--to",
      paramLabel = "TRACK@VERSION[.PHASE]",
      description = "Plan only up to this phase of one track")
  String to;

  @Option(
      names = "--defer-contracts",
      description =
          "Plan only expand and backfill phases; contracts stay pending (they run once no code needs the old shape)")
  boolean deferContracts;

  @Option(
      names = "--override-contract-gate",
      paramLabel = "REASON",
      description = "Show the plan as apply would run it with this override")
  String override;

  @Override
  int run(PrintWriter out) throws Exception {
    Optional<Target> target = Optional.ofNullable(to).map(Target::parse);
    Prepared p =
        prepare(repo, db.database(), Optional.ofNullable(override), Optional.empty(), out, s -> s);
    List<PlannedPhase> plan =
        p.rollout()
            .plan(
                p.commit(),
                target,
                new Rollout.Operator(
                    RunnerOptions.defaultActor(), Optional.ofNullable(override), deferContracts));
    out.println(
        "plan for "
            + db.database().describe()
            + " at commit "
            + shortId(p.commit().commit())
            + " ("
            + p.commit().protectedBranch()
            + ")"
            + target.map(t -> ", up to " + t).orElse(""));
    out.println("settings " + settings(p.settings()));
    if (plan.isEmpty()) {
      out.println("nothing to apply");
      return ExitCodes.OK;
    }
    boolean held = false;
    int n = 0;
    for (PlannedPhase phase : plan) {
      PhaseWork w = phase.work();
      out.printf("%3d. %-24s %s (%s)%n", ++n, w.label(), w.file(), w.execution());
      if (w.kind() == dev.schemagate.analyzer.repo.PhaseKind.BACKFILL && !w.isRollback()) {
        try {
          out.println(
              "       batch " + dev.schemagate.runner.backfill.BackfillSpec.of(w).settings());
        } catch (dev.schemagate.runner.backfill.BackfillException e) {
          out.println("       batch " + e.getMessage());
        }
      }
      for (RelationLock l : w.locks()) {
        out.println(
            "       lock  "
                + l.mode().name().replace('_', ' ')
                + " on "
                + l.relation()
                + (w.tables().contains(l.relation())
                    ? impact(l)
                    : " (created by this phase: nobody else uses it yet)"));
      }
      for (GateResult g : phase.gates()) {
        out.println(
            "       gate  "
                + g.gate()
                + ": "
                + g.status().name().toLowerCase(java.util.Locale.ROOT)
                + (g.reason() == null ? "" : " - " + g.reason()));
      }
      held |= phase.heldBack();
    }
    if (held) {
      out.println("held back: apply would stop at the first phase a gate holds back");
    }
    return held ? ExitCodes.STOPPED : ExitCodes.OK;
  }

  /**
   * The effective rollout settings, as {@code key value} pairs on one line ({@code schemagate.yaml}
   * spelling; what the commit's {@code rollout:} leaves out is the default), and the backfill
   * defaults that apply where a directive gives no option.
   */
  static String settings(dev.schemagate.runner.config.RolloutSettings s) {
    StringBuilder b = new StringBuilder();
    s.effective()
        .forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  private static String impact(RelationLock l) {
    if (l.mode().blocksReads()) {
      return " (blocks reads and writes)";
    }
    return l.mode().blocksWrites() ? " (blocks writes)" : "";
  }
}
