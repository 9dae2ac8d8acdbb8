package dev.schemagate.cli.runner;

import dev.schemagate.cli.ExitCodes;
import dev.schemagate.runner.Rollout;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Run rollback.sql of TRACK@VERSION (undoes its expand). Refused once its contract ran, while a later"
            + " version's expand is applied, or while a gate (running pods requiring it) holds it back.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:rolled back",
      "1:refused or failed (recorded)",
      "2:usage, input or connection error"
    })
public final class RollbackCommand extends RunnerCommand {

  private static final Pattern FORM = Pattern.compile("([a-z][a-z0-9_-]*)@([1-9][0-9]{0,8})");

  @Mixin RunnerOptions db;
  @Mixin RepoOptions repo;

  @Parameters(
      paramLabel = "TRACK@VERSION",
      description = "The version whose expand to undo, e.g. orders@7")
  String version;

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description = "Who rolls back, as the history records it (default: user@host)")
  String actor;

  @Option(
      names = "--override-contract-gate",
      paramLabel = "REASON",
      description =
          "Roll back although no contract gate can check that running pods do not require the version;"
              + " the reason is recorded in the history")
  String override;

  @Override
  int run(PrintWriter out) throws Exception {
    Matcher m = FORM.matcher(version);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + version + "\" is not <track>@<version> (e.g. orders@7)");
    }
    if (override != null && override.isBlank()) {
      throw new IllegalArgumentException("--override-contract-gate needs a reason");
    }
    Prepared p = prepare(repo, db.database(), Optional.ofNullable(override), out);
    p.rollout()
        .rollback(
            p.commit(),
            m.group(1),
            Integer.parseInt(m.group(2)),
            new Rollout.Operator(
                actor == null ? RunnerOptions.defaultActor() : actor,
                Optional.ofNullable(override)));
    out.println("rolled back " + version);
    return ExitCodes.OK;
  }
}
