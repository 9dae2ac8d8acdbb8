package dev.schemagate.cli.rehearse;

import dev.schemagate.cli.ExitCodes;
import dev.schemagate.cli.runner.RunnerOptions;
import dev.schemagate.rehearsal.StatsExport;
import dev.schemagate.rehearsal.StatsFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Export what a rehearsal needs of a database and nothing private: per table rows, size, TOAST size and dead rows; per"
          + " column null_frac, avg_width, n_distinct and correlation (pg_stats, no values unless --with-values); indexes"
          + " and sizes; with --top-queries, the top normalized queries of pg_stat_statements. Reads only. See"
          + " docs/rehearsal.md#the-stats-file."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "2:usage or input error (the database cannot be reached, the file cannot be written)"
    })
public final class StatsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RunnerOptions database;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the JSON to FILE (default: stdout)")
  Path output;

  @Option(
      names = "--with-values",
      description =
          "Also export histogram bounds and most common values (real data: not for public places)")
  boolean withValues;

  @Option(
      names = "--top-queries",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Also export the top N normalized queries"
              + " of pg_stat_statements (default: ${DEFAULT-VALUE}, none)")
  int topQueries;

  @Override
  public Integer call() throws Exception {
    if (topQueries < 0) {
      throw new IllegalArgumentException("--top-queries " + topQueries + ": must be 0 or more");
    }
    StatsFile stats;
    try (Connection c = database.database().open()) {
      c.setReadOnly(true);
      stats = StatsExport.read(c, withValues, topQueries);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (output == null) {
      spec.commandLine().getOut().print(stats.toJson());
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, stats.toJson());
      err.println(
          "schemagate stats: "
              + stats.tables().size()
              + " table(s) of "
              + stats.database()
              + " written to "
              + output
              + (withValues ? " (with values)" : " (no values)"));
    }
    if (stats.topQueries() != null && !stats.topQueries().available()) {
      err.println("schemagate stats: " + stats.topQueries().note());
    }
    err.flush();
    return ExitCodes.OK;
  }
}
