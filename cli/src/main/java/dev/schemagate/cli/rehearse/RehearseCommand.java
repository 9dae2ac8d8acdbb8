package dev.schemagate.cli.rehearse;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.repo.Durations;
import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.analyzer.report.Reporter;
import dev.schemagate.analyzer.report.Reporters;
import dev.schemagate.cli.ExitCodes;
import dev.schemagate.cli.Version;
import dev.schemagate.rehearsal.Rehearsal;
import dev.schemagate.rehearsal.RehearsalFindings;
import dev.schemagate.rehearsal.RehearsalOptions;
import dev.schemagate.rehearsal.RehearsalRules;
import dev.schemagate.rehearsal.RehearsalSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "rehearse",
    mixinStandardHelpOptions = true,
    description = {
      "Rehearse the changed versions on an embedded PostgreSQL of each track's version (fsync on): replay the base with the"
          + " runner, fill the tables with synthetic rows, run a workload, apply each changed phase with the runner while it"
          + " runs, and report per phase the workload's lock waits, stalls, p50/p99 against the baseline, failed queries,"
          + " backfill rate, durations at full scale and plan changes. The rehearsal: budgets of schemagate.yaml become"
          + " findings. See docs/rehearsal.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no error-level finding",
      "1:error-level findings (a budget exceeded, a phase failed)",
      "2:usage or input error"
    })
public final class RehearseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--rows",
      paramLabel = "TABLE=N",
      description =
          "Rows of TABLE at full scale (repeatable); a table not named gets"
              + " --default-rows, or its rows in --stats")
  List<String> rows = List.of();

  @Option(
      names = "--default-rows",
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "Rows at full scale of a table neither"
              + " --rows nor --stats names (default: ${DEFAULT-VALUE})")
  long defaultRows;

  @Option(
      names = "--scale",
      defaultValue = "1",
      paramLabel = "F",
      description =
          "Share of the rows actually inserted, above 0 and at"
              + " most 1; durations and lock waits are extrapolated to full scale (default: ${DEFAULT-VALUE})")
  double scale;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description =
          "The workload: SQL statements separated by ';' with $n parameters,"
              + " each compared with (or assigned to) a column, whose values are drawn from the data. Default: the --stats file's top"
              + " queries, else a point read by primary key and a one-row update per table the change touches")
  Path queries;

  @Option(
      names = "--stats",
      paramLabel = "FILE",
      description =
          "A file of 'schemagate stats': fill tables to its rows, null_frac,"
              + " n_distinct and avg_width (scaled by --scale); its top queries are the workload when --queries is absent")
  Path stats;

  @Option(
      names = "--base",
      paramLabel = "REF",
      description =
          "The history up to the merge base of HEAD and REF is replayed;"
              + " what changed since is rehearsed (default: the protected branch of schemagate.yaml)")
  String base;

  @Option(
      names = "--repo",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "The schemagate repository (default: the current directory)")
  Path repo;

  @Option(
      names = "--clients",
      defaultValue = "4",
      paramLabel = "N",
      description = "Concurrent workload clients (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--baseline",
      defaultValue = "3s",
      paramLabel = "DURATION",
      description = "How long the baseline is measured" + " (default: ${DEFAULT-VALUE})")
  String baseline;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description =
          "Findings as text, json, sarif, github or"
              + " markdown (default: ${DEFAULT-VALUE}); with a format other than text the figures go to stderr")
  String format;

  @Override
  public Integer call() throws Exception {
    Reporter reporter =
        Reporters.forFormat(format, false, new Version().getVersion()[0], DocLinks.defaults());
    Map<String, Long> asked = new LinkedHashMap<>();
    for (String r : rows) {
      Map.Entry<String, Long> e = RehearsalOptions.parseRows(r);
      asked.put(e.getKey(), e.getValue());
    }
    if (defaultRows < 0) {
      throw new IllegalArgumentException("--default-rows " + defaultRows + ": must be 0 or more");
    }
    for (Path p : new Path[] {queries, stats}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new IllegalArgumentException(
            (p == queries ? "--queries " : "--stats ") + p + ": no such file");
      }
    }
    RehearsalOptions options =
        new RehearsalOptions(
            repo,
            Optional.ofNullable(base),
            asked,
            scale,
            defaultRows,
            Optional.ofNullable(queries),
            Optional.ofNullable(stats),
            clients,
            Durations.parse(baseline));
    PrintWriter err = spec.commandLine().getErr();
    Rehearsal.Result result =
        new Rehearsal(
                options,
                line -> {
                  err.println("rehearse: " + line);
                  err.flush();
                })
            .run();
    boolean text = format.equalsIgnoreCase("text");
    PrintWriter out = spec.commandLine().getOut();
    RehearsalSummary.write(result, options, text ? out : err);
    CheckResult findings = RehearsalFindings.of(result, scale);
    if (text) {
      out.println();
    }
    reporter.write(findings, RehearsalRules.ALL, out);
    out.flush();
    return findings.failed() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
