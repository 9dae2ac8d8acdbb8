package dev.schemagate.cli.runner;

import dev.schemagate.cli.ExitCodes;
import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.plan.Target;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Apply the approved phases plan shows, in order, with short lock timeouts and retries; one runner per database.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:applied (or nothing to do)",
      "1:the rollout stopped: a phase failed (recorded, resumable), a gate or rule refused it, another runner holds the database",
      "2:usage, input or connection error"
    })
public final class ApplyCommand extends RunnerCommand {

  @Mixin RunnerOptions db;
  @Mixin RepoOptions repo;

  @Option(
      names = "--to",
      paramLabel = "TRACK@VERSION[.PHASE]",
      description = "Apply one track only, up to this version (all its phases) or this phase")
  String to;

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description = "Who applies, as the history records it (default: user@host)")
  String actor;

  @Option(
      names = "--defer-contracts",
      description =
          "Apply only expand and backfill phases; contracts stay pending (they run once no code needs the old shape)")
  boolean deferContracts;

  @Option(
      names = "--override-contract-gate",
      paramLabel = "REASON",
      description =
          "Run contracts although the contract gate cannot check the cluster; the reason is recorded in the history")
  String override;

  @Option(
      names = "--accept-drift",
      paramLabel = "REASON",
      description =
          "Apply phases that touch a drifted table (schemagate drift) anyway; the reason is recorded in the history")
  String acceptDrift;

  @Option(
      names = "--wait-for-blockers",
      paramLabel = "DURATION",
      description =
          "When a lock is not granted, wait up to DURATION (in all, per statement) for the sessions in the way"
              + " to end their transactions before the next attempt, instead of retrying blindly (rollout.wait_for_blockers)")
  String waitForBlockers;

  @Override
  int run(PrintWriter out) throws Exception {
    Optional<Target> target = Optional.ofNullable(to).map(Target::parse);
    if (override != null && override.isBlank()) {
      throw new IllegalArgumentException("--override-contract-gate needs a reason");
    }
    java.util.function.UnaryOperator<dev.schemagate.runner.config.RolloutSettings> adjust = s -> s;
    if (waitForBlockers != null) {
      java.time.Duration wait;
      try {
        wait = dev.schemagate.analyzer.repo.Durations.parse(waitForBlockers);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--wait-for-blockers "
                + waitForBlockers
                + ": not a duration; write e.g. 30s, 5min, 1h");
      }
      adjust = s -> s.withWaitForBlockers(wait);
    }
    if (acceptDrift != null && acceptDrift.isBlank()) {
      throw new IllegalArgumentException("--accept-drift needs a reason");
    }
    Prepared p =
        prepare(
            repo,
            db.database(),
            Optional.ofNullable(override),
            Optional.ofNullable(acceptDrift),
            out,
            adjust);
    out.println(
        "applying commit "
            + shortId(p.commit().commit())
            + " ("
            + p.commit().protectedBranch()
            + ") to "
            + db.database().describe());
    Rollout.ApplyResult result =
        p.rollout()
            .apply(
                p.commit(),
                target,
                new Rollout.Operator(
                    actor == null ? RunnerOptions.defaultActor() : actor,
                    Optional.ofNullable(override),
                    deferContracts));
    out.println(
        result.applied().isEmpty()
            ? "nothing to apply"
            : "applied " + result.applied().size() + " phase(s)");
    return ExitCodes.OK;
  }
}
