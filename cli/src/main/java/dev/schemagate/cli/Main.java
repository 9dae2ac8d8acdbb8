package dev.schemagate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code schemagate} command line. */
@Command(
    name = "schemagate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Progressive, lock-aware PostgreSQL schema changes.",
    subcommands = {
      CheckCommand.class,
      TraceCommand.class,
      dev.schemagate.cli.runner.PlanCommand.class,
      dev.schemagate.cli.runner.ApplyCommand.class,
      dev.schemagate.cli.runner.StatusCommand.class,
      dev.schemagate.cli.runner.RollbackCommand.class,
      dev.schemagate.cli.runner.DriftCommand.class,
      dev.schemagate.cli.watch.WatchCommand.class,
      dev.schemagate.cli.candeploy.CanDeployCommand.class,
      dev.schemagate.cli.newversion.NewCommand.class,
      dev.schemagate.cli.rehearse.RehearseCommand.class,
      dev.schemagate.cli.rehearse.StatsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    if (isCheck(args)) {
      PolicyEngines
          .startEarly(); // the largest fixed cost of a check; overlap it with everything else
    }
    System.exit(run(args));
  }

  /**
   * Runs the CLI and returns its exit code: 0 clean, 1 error-level findings, 2 usage or input
   * error.
   */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /**
   * The configured command line with every subcommand, for callers (and tests) that set their own
   * output streams.
   */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new Main()));
  }

  /**
   * The configured command line to execute {@code args} with: for {@code check}, a root that holds
   * only the check command. Picocli builds the model of every declared subcommand by reflection up
   * front, and picocli's classes (Java 5 class files) cannot go into the class-data archive, so the
   * other seven cost ~0.1 s of CPU at every start; a check parses, prints help and reports usage
   * errors exactly as in the full tree (CheckOnlyCommandLineTest).
   */
  public static CommandLine commandLine(String... args) {
    if (!isCheck(args)) {
      return commandLine();
    }
    CommandSpec root =
        CommandSpec.create()
            .name("schemagate")
            .mixinStandardHelpOptions(true)
            .versionProvider(new Version());
    root.usageMessage().description(Main.class.getAnnotation(Command.class).description());
    return configure(new CommandLine(root).addSubcommand(new CheckCommand()));
  }

  private static boolean isCheck(String[] args) {
    return args.length > 0 && args[0].equals("check");
  }

  private static CommandLine configure(CommandLine cli) {
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("schemagate: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println("Try 'schemagate " + ex.getCommandLine().getCommandName() + " --help'.");
          return ExitCodes.USAGE;
        });
    // UTF-8 regardless of the platform default: reports quote SQL and use arrows and dashes.
    cli.setOut(
        new java.io.PrintWriter(
            new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8),
            true));
    cli.setErr(
        new java.io.PrintWriter(
            new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
            true));
    return cli;
  }
}
