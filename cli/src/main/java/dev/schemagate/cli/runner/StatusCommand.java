package dev.schemagate.cli.runner;

import dev.schemagate.cli.ExitCodes;
import dev.schemagate.contract.state.TrackState;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HeldBack;
import dev.schemagate.runner.history.HeldBackLog;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.history.HistoryStore;
import dev.schemagate.runner.lock.RunnerLock;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Per track: the history of applied phases, the compatibility window [contracted, expanded] and any"
            + " phase in progress (with backfill progress). Reads the database only.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:usage or connection error"})
public final class StatusCommand extends RunnerCommand {

  @Mixin RunnerOptions db;

  @picocli.CommandLine.Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "Also show each track's drift: the database compared with the applied phases of this repository"
              + " (schemagate drift; starts an embedded PostgreSQL for a few seconds)")
  java.nio.file.Path repo;

  @Override
  int run(PrintWriter out) throws Exception {
    JdbcDatabase database = db.database();
    dev.schemagate.analyzer.repo.MigrationRepository repository =
        repo == null ? null : dev.schemagate.analyzer.repo.MigrationRepository.load(repo);
    HistoryStore store = new HistoryStore(database);
    List<HistoryRow> rows = store.rows(null);
    List<HeldBack> held = new HeldBackLog(database).list(null);
    Map<String, TrackState> states =
        store.trackStates().stream()
            .collect(
                Collectors.toMap(
                    TrackState::track, s -> s, (a, b) -> a, java.util.LinkedHashMap::new));
    // A running row whose runner no longer holds the runner lock was left by a killed runner.
    Optional<String> runner = Optional.empty();
    if (rows.stream().anyMatch(HistoryRow::running)) {
      try (Connection c = database.open()) {
        runner = RunnerLock.heldBy(c);
      }
    }
    out.println("status of " + database.describe());
    Set<String> tracks = new LinkedHashSet<>(states.keySet());
    rows.forEach(r -> tracks.add(r.track()));
    dev.schemagate.drift.DriftReport drift = null;
    if (repository != null) {
      tracks.addAll(repository.tracks().keySet());
      drift = new dev.schemagate.drift.DriftCheck().run(database, repository);
    }
    if (tracks.isEmpty()) {
      out.println("nothing applied yet (no schemagate history in this database)");
      return ExitCodes.OK;
    }
    for (String track : tracks) {
      TrackState s = states.get(track);
      out.println();
      if (s == null) {
        out.println("track " + track + ": window [0, 0], nothing applied yet");
      } else {
        String live =
            s.expanded() == 0
                ? "nothing live"
                : "live " + Math.max(1, s.contracted()) + ".." + s.expanded();
        out.println(
            "track "
                + track
                + ": window ["
                + s.contracted()
                + ", "
                + s.expanded()
                + "] ("
                + live
                + ")"
                + (s.lastVersion() == null
                    ? ""
                    : "; last "
                        + track
                        + "@"
                        + s.lastVersion()
                        + " "
                        + s.lastPhase()
                        + " from "
                        + shortId(s.lastCommit())
                        + " at "
                        + s.updatedAt().truncatedTo(ChronoUnit.SECONDS)));
      }
      for (HistoryRow r : rows) {
        if (!r.track().equals(track)) {
          continue;
        }
        boolean abandoned = r.running() && runner.isEmpty();
        out.printf(
            "  %-22s %-9s %s %8s  %s  %s%s%n",
            r.track() + "@" + r.version() + " " + r.phase(),
            abandoned ? "abandoned" : r.outcome(),
            r.startedAt().truncatedTo(ChronoUnit.SECONDS),
            r.durationMs() == null ? "" : r.durationMs() + " ms",
            shortId(r.commit()),
            r.appliedBy(),
            (r.reason() == null ? "" : "  reason: " + r.reason())
                + (r.contractOverride() == null ? "" : "  override: " + r.contractOverride()));
        long seconds = Duration.between(r.startedAt(), Instant.now()).toSeconds();
        if (abandoned) {
          out.println(
              "    abandoned: started "
                  + seconds
                  + " s ago, but no runner holds the runner lock (the runner was"
                  + " killed or lost its connection)"
                  + progress(r)
                  + "; the next apply records it as failed (interrupted)"
                  + " and resumes it");
        } else if (r.running()) {
          out.println(
              "    in progress for " + seconds + " s (runner " + runner.get() + ")" + progress(r));
        }
      }
      if (drift != null) {
        java.util.List<dev.schemagate.drift.Drift> own = drift.of(track);
        out.println(
            "  drift: "
                + dev.schemagate.drift.DriftReport.countLine(own)
                + (own.isEmpty()
                    ? ""
                    : "; first: "
                        + own.get(0).message()
                        + "; schemagate drift --db … --repo "
                        + repo
                        + " lists them all"));
      }
      // The last hold only: a gate that holds a phase back every night would otherwise fill the
      // screen.
      held.stream()
          .filter(h -> h.track().equals(track))
          .reduce((a, b) -> b)
          .ifPresent(
              h ->
                  out.printf(
                      "  %-22s %-9s %s %8s  %s  %s  gate %s: %s%n",
                      h.track() + "@" + h.version() + " " + h.phase(),
                      "held back",
                      h.heldAt().truncatedTo(ChronoUnit.SECONDS),
                      "",
                      shortId(h.commit()),
                      h.appliedBy(),
                      h.gate(),
                      h.reason()));
    }
    return ExitCodes.OK;
  }

  private static String progress(HistoryRow r) {
    if (r.backfillRows() == null && r.backfillKey() == null && r.statementsDone() == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    if (r.statementsDone() != null) {
      b.append(", ").append(r.statementsDone()).append(" statement(s) done");
    }
    if (r.backfillRows() != null) {
      b.append(", backfill ").append(r.backfillRows()).append(" rows");
      if (r.backfillTotal() != null && r.backfillTotal() > 0) {
        b.append(" of ~")
            .append(r.backfillTotal())
            .append(" (")
            .append(Math.min(100, r.backfillRows() * 100 / r.backfillTotal()))
            .append("%)");
      }
    }
    if (r.backfillKey() != null) {
      b.append(", reached key ").append(r.backfillKey());
    }
    return b.toString();
  }
}
