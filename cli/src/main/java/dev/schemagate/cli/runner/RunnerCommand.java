package dev.schemagate.cli.runner;

import dev.schemagate.cli.ExitCodes;
import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.RunnerException;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.approval.PolicyEngines;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.db.SqlErrors;
import dev.schemagate.runner.gate.GatesConfig;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What plan, apply, status and rollback share: turning the runner's outcomes into one line and an
 * exit code. A stopped rollout (a failed phase, a refusal) exits 1, an input or connection problem
 * 2, and neither prints a stack trace (SCHEMAGATE_DEBUG=1 does).
 */
abstract class RunnerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  abstract int run(PrintWriter out) throws Exception;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out);
    } catch (RunnerException e) {
      out.flush();
      err.println("schemagate " + spec.name() + ": " + e.getMessage());
      debug(e, err);
      return ExitCodes.STOPPED;
    } catch (SQLException e) {
      out.flush();
      boolean named = e.getMessage() != null && e.getMessage().startsWith("cannot connect to ");
      err.println(
          "schemagate "
              + spec.name()
              + ": "
              + (!named
                      && (SqlErrors.isConnectionLoss(e)
                          || e.getSQLState() == null
                          || e.getSQLState().startsWith("08"))
                  ? "lost the database connection: "
                  : "")
              + SqlErrors.describe(e));
      debug(e, err);
      return ExitCodes.USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("schemagate " + spec.name() + ": interrupted");
      return ExitCodes.STOPPED;
    } catch (RuntimeException e) {
      out.flush();
      boolean ours =
          e.getClass().getName().startsWith("dev.schemagate.")
              || e instanceof IllegalArgumentException
              || e instanceof java.io.UncheckedIOException;
      err.println(
          "schemagate "
              + spec.name()
              + ": "
              + (ours ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage()));
      debug(e, err);
      return ExitCodes.USAGE;
    } catch (Exception e) {
      err.println(
          "schemagate "
              + spec.name()
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
      debug(e, err);
      return ExitCodes.USAGE;
    }
  }

  private static void debug(Exception e, PrintWriter err) {
    if (System.getenv("SCHEMAGATE_DEBUG") != null) {
      e.printStackTrace(err);
    }
  }

  /** Approval of the requested commit, and the runner configured from its schemagate.yaml. */
  record Prepared(ApprovedCommit commit, RolloutSettings settings, Rollout rollout) {}

  static Prepared prepare(
      RepoOptions repo, JdbcDatabase db, Optional<String> contractOverride, PrintWriter out) {
    return prepare(repo, db, contractOverride, out, s -> s);
  }

  /**
   * @param adjust command-line options that override the commit's {@code rollout:} settings
   */
  static Prepared prepare(
      RepoOptions repo,
      JdbcDatabase db,
      Optional<String> contractOverride,
      PrintWriter out,
      java.util.function.UnaryOperator<RolloutSettings> adjust) {
    return prepare(repo, db, contractOverride, null, out, adjust);
  }

  /**
   * @param acceptDrift null: no drift gate; else the drift gate, with the operator's {@code
   *     --accept-drift} reason when present
   */
  static Prepared prepare(
      RepoOptions repo,
      JdbcDatabase db,
      Optional<String> contractOverride,
      Optional<String> acceptDrift,
      PrintWriter out,
      java.util.function.UnaryOperator<RolloutSettings> adjust) {
    ApprovedCommit commit;
    try (CommitSource source = repo.open()) {
      commit =
          source.approve(
              Optional.ofNullable(repo.ref),
              Optional.ofNullable(repo.protectedBranch),
              new PolicyEngines());
    }
    RolloutSettings settings = adjust.apply(RolloutSettings.of(commit.repository().config()));
    GatesConfig gates = RunnerWiring.gatesConfig(settings);
    java.util.List<dev.schemagate.runner.gate.Gate> all =
        new java.util.ArrayList<>(RunnerWiring.gates(gates, contractOverride));
    if (acceptDrift != null) {
      all.add(RunnerWiring.driftGate(commit.repository(), acceptDrift));
    }
    Rollout rollout =
        new Rollout(
            db,
            settings,
            all,
            RunnerWiring.publisher(gates, commit.repository().config().rollout(), out),
            RunnerWiring.backfill(settings),
            line -> {
              out.println(line);
              out.flush();
            });
    return new Prepared(commit, settings, rollout);
  }

  static String shortId(String commit) {
    return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
  }
}
