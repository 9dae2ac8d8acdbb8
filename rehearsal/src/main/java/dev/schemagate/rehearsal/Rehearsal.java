package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.PolicyEngines;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.gate.GatesConfig;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.runner.workload.WindowStats;
import dev.schemagate.trace.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code schemagate rehearse}: per track with changed versions, on an embedded PostgreSQL of the
 * track's version with production durability, replays the base with the real runner, fills the
 * tables with synthetic rows, starts the workload, measures a baseline, then applies each changed
 * phase with the real runner (the repository's rollout settings and health gates, the batched
 * backfill) while the workload runs, and takes every query's plan before and after each phase.
 * docs/rehearsal.md.
 */
public final class Rehearsal {

  /**
   * How a rehearsal signs the contracts it applies: there are no running pods to ask on a
   * throw-away server.
   */
  static final Rollout.Operator OPERATOR =
      new Rollout.Operator(
          "schemagate rehearse",
          Optional.of("rehearsal on a throw-away embedded database: no running pods to check"));

  private final RehearsalOptions options;
  private final Consumer<String> log;

  public Rehearsal(RehearsalOptions options, Consumer<String> log) {
    this.options = options;
    this.log = log;
  }

  /** Everything a rehearsal found, per track, with the repository it ran on. */
  public record Result(
      MigrationRepository repository, ChangeSet changes, List<TrackRehearsal> tracks) {}

  public Result run() throws SQLException, InterruptedException {
    MigrationRepository repo = MigrationRepository.load(options.repo());
    ChangeSet changes = ChangeSet.of(repo, options.base(), log);
    List<TrackRehearsal> out = new ArrayList<>();
    if (changes.changed().isEmpty()) {
      return new Result(repo, changes, out);
    }
    CheckResult check = new CheckRunner(new PolicyEngines()).check(repo, CheckOptions.defaults());
    ApprovedCommit commit =
        new ApprovedCommit(repo, "rehearsal", repo.config().protectedBranch(), check);
    Optional<StatsFile> stats = options.stats().map(StatsFile::read);
    for (Map.Entry<String, List<MigrationVersion>> e : changes.changed().entrySet()) {
      out.add(
          track(
              repo.track(e.getKey()),
              e.getValue(),
              changes.lastBaseVersion(e.getKey()),
              commit,
              check,
              stats));
    }
    return new Result(repo, changes, out);
  }

  private TrackRehearsal track(
      Track track,
      List<MigrationVersion> changed,
      int lastBase,
      ApprovedCommit commit,
      CheckResult check,
      Optional<StatsFile> stats)
      throws SQLException, InterruptedException {
    log.accept("starting PostgreSQL " + track.config().pgVersion() + " for track " + track.name());
    try (PgServer server = PgServer.startDurable(track.config().pgVersion())) {
      server.createDatabase("rehearsal", null);
      EmbeddedDatabase db = new EmbeddedDatabase(server.port(), "rehearsal");
      RolloutSettings settings = RolloutSettings.of(commit.repository().config());
      GatesConfig gates =
          GatesConfig.parse(settings.gates(), settings.contractGate(), "schemagate.yaml");
      Rollout rollout =
          new Rollout(
              db,
              settings,
              gates.healthGates(),
              Optional.empty(),
              Optional.of(new BatchedBackfill()),
              line -> log.accept("  runner: " + line));
      List<String> replayed = List.of();
      if (lastBase > 0) {
        replayed =
            rollout
                .apply(
                    commit,
                    Optional.of(new Target(track.name(), lastBase, Optional.empty())),
                    OPERATOR)
                .applied();
        log.accept(
            "replayed "
                + replayed.size()
                + " phase(s) of the base up to "
                + track.name()
                + "@"
                + lastBase);
      }
      String schema = track.config().defaultSchema();
      try (Connection c = db.open()) {
        String version = scalar(c, "SHOW server_version");
        String durability =
            "fsync="
                + scalar(c, "SHOW fsync")
                + " synchronous_commit="
                + scalar(c, "SHOW synchronous_commit")
                + " full_page_writes="
                + scalar(c, "SHOW full_page_writes")
                + " shared_buffers="
                + scalar(c, "SHOW shared_buffers");
        LiveSchema live = LiveSchema.read(c, schema);
        Map<String, FillPlan> plans = fillPlans(live, schema, stats);
        List<String> filled = new ArrayList<>();
        new SyntheticFill(plans)
            .run(
                c,
                live.fillOrder(),
                line -> {
                  filled.add(line);
                  log.accept(line);
                });
        List<WorkloadQuery> queries =
            options.queries().isPresent()
                ? WorkloadQueries.fromFile(options.queries().get(), live, schema)
                : stats
                    .map(s -> s.workload(live, schema, log))
                    .filter(q -> !q.isEmpty())
                    .orElseGet(() -> WorkloadQueries.defaults(changed, check, live, schema));
        ParameterValues values = ParameterValues.sample(c, queries);
        return measure(
            track,
            changed,
            rollout,
            commit,
            check,
            c,
            db,
            live,
            schema,
            queries,
            values,
            new TrackHeader(version, durability, replayed, filled));
      }
    }
  }

  private record TrackHeader(
      String version, String durability, List<String> replayed, List<String> filled) {}

  private TrackRehearsal measure(
      Track track,
      List<MigrationVersion> changed,
      Rollout rollout,
      ApprovedCommit commit,
      CheckResult check,
      Connection c,
      EmbeddedDatabase db,
      LiveSchema live,
      String schema,
      List<WorkloadQuery> queries,
      ParameterValues values,
      TrackHeader header)
      throws SQLException, InterruptedException {
    List<PhaseFile> phases = changed.stream().flatMap(v -> v.phaseFiles().stream()).toList();
    List<PhaseRun> runs = new ArrayList<>();
    List<WindowStats> windows;
    List<Duration> lockWaits;
    try (Connection sampling = db.open();
        LockWaitSampler sampler = new LockWaitSampler(sampling);
        QueryWorkload workload =
            QueryWorkload.start(
                db::open, queries, values, options.clients(), Duration.ofSeconds(30), "baseline")) {
      // a baseline of at least the asked duration and 20 queries per client (a slow machine still
      // gets a p99)
      workload.awaitQueries(20, Duration.ofSeconds(60));
      Thread.sleep(options.baseline().toMillis());
      for (PhaseFile f : phases) {
        List<QueryPlan> before =
            queries.stream().map(q -> QueryPlan.explain(c, q, values)).toList();
        String label = f.track() + "@" + f.version() + " " + f.phase().id();
        workload.window(label);
        sampler.nextWindow();
        long t0 = System.nanoTime();
        Optional<String> failure = Optional.empty();
        try {
          rollout.apply(
              commit,
              Optional.of(new Target(f.track(), f.version(), Optional.of(f.phase()))),
              OPERATOR);
        } catch (RuntimeException e) {
          failure = Optional.of(SyntheticFill.firstLine(e.getMessage()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        workload.window("after " + label);
        sampler.nextWindow();
        List<QueryPlan> after = queries.stream().map(q -> QueryPlan.explain(c, q, values)).toList();
        runs.add(new PhaseRun(f, took, before, after, failure, backfillRows(rollout, f)));
        if (failure.isPresent()) {
          log.accept(label + " failed: " + failure.get() + "; the later phases are not rehearsed");
          break;
        }
        log.accept(
            String.format(
                java.util.Locale.ROOT, "%s applied in %.2f s", label, took.toNanos() / 1e9));
      }
      windows = workload.stop();
      lockWaits = sampler.stop();
    }
    Map<String, Long> fullScaleRows = new LinkedHashMap<>();
    QueryPlan.tableRows(c, schema)
        .forEach((t, n) -> fullScaleRows.put(t, Math.round(n / options.scale())));
    var budgets = commit.repository().config().rehearsal();
    WindowStats baseline = windows.get(0);
    List<PhaseResult> results = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      PhaseRun r = runs.get(i);
      WindowStats during = windows.get(1 + 2 * i);
      Duration lockWait = lockWaits.get(1 + 2 * i);
      boolean batched = r.backfillRows().isPresent();
      boolean rowBound =
          !batched
              && check.files().stream()
                  .filter(f -> f.path().equals(r.file().repoPath()))
                  .anyMatch(RowBoundLocks::of);
      Duration fullDuration = Duration.ofNanos(Math.round(r.took().toNanos() / options.scale()));
      // only the waits a row-bound phase adds over the baseline's own (workload rows locked by
      // other clients) grow with the table; other phases block as long at any size
      long excess = Math.max(0, lockWait.toNanos() - lockWaits.get(0).toNanos());
      Duration fullLockWait =
          rowBound
              ? Duration.ofNanos(lockWaits.get(0).toNanos() + Math.round(excess / options.scale()))
              : lockWait;
      List<PlanChange> plans = new ArrayList<>();
      for (int q = 0; q < queries.size(); q++) {
        plans.add(
            PlanChange.compare(
                queries.get(q),
                r.before().get(q),
                r.after().get(q),
                fullScaleRows,
                budgets.largeTableRows(),
                budgets.planCostRatio()));
      }
      results.add(
          new PhaseResult(
              r.file(),
              r.took(),
              during,
              lockWait,
              batched,
              rowBound,
              r.backfillRows(),
              fullDuration,
              fullLockWait,
              plans,
              r.failure()));
    }
    return new TrackRehearsal(
        track.name(),
        header.version(),
        header.durability(),
        header.replayed(),
        header.filled(),
        queries,
        baseline,
        lockWaits.get(0),
        results);
  }

  private record PhaseRun(
      PhaseFile file,
      Duration took,
      List<QueryPlan> before,
      List<QueryPlan> after,
      Optional<String> failure,
      Optional<Long> backfillRows) {}

  /**
   * Rows the runner's batched backfill recorded for the phase (empty for a phase without the
   * backfill directive).
   */
  private static Optional<Long> backfillRows(Rollout rollout, PhaseFile f) throws SQLException {
    List<HistoryRow> rows = rollout.history().rows(f.track());
    for (int i = rows.size() - 1; i >= 0; i--) {
      HistoryRow h = rows.get(i);
      if (h.version() == f.version() && h.phase().equals(f.phase().id())) {
        return Optional.ofNullable(h.backfillKey() == null ? null : h.backfillRows());
      }
    }
    return Optional.empty();
  }

  private Map<String, FillPlan> fillPlans(
      LiveSchema live, String schema, Optional<StatsFile> stats) {
    Map<String, FillPlan> plans = new LinkedHashMap<>();
    for (String name : options.rows().keySet()) {
      if (live.table(name, schema).isEmpty()) {
        throw new RehearsalException(
            "--rows "
                + name
                + "=…: no table "
                + name
                + " in schema "
                + schema
                + " after the base (tables: "
                + live.tables().stream().map(LiveTable::simpleName).toList()
                + ")");
      }
    }
    for (LiveTable t : live.tables()) {
      Long asked = options.rows().get(t.simpleName());
      if (asked == null) {
        asked = options.rows().get(t.name());
      }
      Map<String, ColumnProfile> profiles = Map.of();
      if (stats.isPresent()) {
        Optional<StatsFile.TableStats> ts = stats.get().table(t.name());
        if (ts.isPresent()) {
          profiles = ts.get().profiles();
          if (asked == null) {
            asked = ts.get().rows();
          }
        }
      }
      long full = asked == null ? options.defaultRows() : asked;
      plans.put(t.name(), new FillPlan(t, options.scaled(full), profiles));
    }
    return plans;
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
