package dev.schemagate.runner;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.analyzer.window.WindowFromAppliedPhases;
import dev.schemagate.contract.state.TrackState;
import dev.schemagate.contract.window.CompatibilityWindow;
import dev.schemagate.runner.apply.BackfillExecutor;
import dev.schemagate.runner.apply.LongTransactions;
import dev.schemagate.runner.apply.OrphanSessions;
import dev.schemagate.runner.apply.PhaseExecutor;
import dev.schemagate.runner.apply.PhaseFailedException;
import dev.schemagate.runner.apply.PhaseWork;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.db.SqlErrors;
import dev.schemagate.runner.gate.Gate;
import dev.schemagate.runner.gate.GateContext;
import dev.schemagate.runner.gate.GateResult;
import dev.schemagate.runner.history.AppliedHistory;
import dev.schemagate.runner.history.HeldBack;
import dev.schemagate.runner.history.HeldBackLog;
import dev.schemagate.runner.history.HistoryCheckpoint;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.history.HistorySchema;
import dev.schemagate.runner.history.HistoryStore;
import dev.schemagate.runner.history.HistoryValidation;
import dev.schemagate.runner.history.NewAttempt;
import dev.schemagate.runner.lock.RunnerLock;
import dev.schemagate.runner.plan.PhaseWorks;
import dev.schemagate.runner.plan.PlannedPhase;
import dev.schemagate.runner.plan.Planner;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.runner.publish.StatePublisher;
import dev.schemagate.runner.verify.ContractVerification;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runner: plans, applies and rolls back the phases of an approved commit against one database.
 * See docs/runner.md for the whole procedure.
 *
 * <p>{@link #apply} and {@link #rollback} hold the database's {@link RunnerLock} for their whole
 * run; {@link #plan} only reads.
 */
public final class Rollout {

  /**
   * Who runs it and with which operator decisions.
   *
   * @param deferContracts run only expand and backfill phases; contracts stay pending for a later
   *     run
   */
  public record Operator(String actor, Optional<String> contractOverride, boolean deferContracts) {

    public Operator(String actor, Optional<String> contractOverride) {
      this(actor, contractOverride, false);
    }
  }

  private final Database db;
  private final RolloutSettings settings;
  private final List<Gate> gates;
  private final Optional<StatePublisher> publisher;
  private final Optional<BackfillExecutor> backfill;
  private final Consumer<String> log;
  private final HistoryStore store;
  private final HeldBackLog heldBack;

  public Rollout(
      Database db,
      RolloutSettings settings,
      List<Gate> gates,
      Optional<StatePublisher> publisher,
      Optional<BackfillExecutor> backfill,
      Consumer<String> log) {
    this.db = db;
    this.settings = settings;
    this.gates = List.copyOf(gates);
    this.publisher = publisher;
    this.backfill = backfill;
    this.log = log;
    this.store = new HistoryStore(db);
    this.heldBack = new HeldBackLog(db);
  }

  public HistoryStore history() {
    return store;
  }

  /**
   * The phases {@code apply} would run, in order, with every gate's verdict on each. Changes
   * nothing.
   */
  public List<PlannedPhase> plan(ApprovedCommit commit, Optional<Target> target, Operator operator)
      throws SQLException, InterruptedException {
    List<HistoryRow> rows = store.rows(null);
    PhaseWorks works = new PhaseWorks(commit.check(), commit.commit());
    List<PlannedPhase> out = new ArrayList<>();
    for (Planner.PendingPhase p :
        Planner.pending(commit.repository(), rows, target, operator.deferContracts())) {
      PhaseWork work = works.of(p.file());
      List<GateResult> verdicts = new ArrayList<>(askGates(work));
      if (work.kind() == PhaseKind.CONTRACT && !guarded(work)) {
        verdicts.add(
            operator.contractOverride().isPresent()
                ? GateResult.overridden(
                    NO_CONTRACT_GATE,
                    "no contract gate configured; override: " + operator.contractOverride().get())
                : GateResult.failed(
                    NO_CONTRACT_GATE,
                    "no contract gate configured; apply needs --override-contract-gate \"<reason>\""));
      }
      verifyFile(work, p.track())
          .ifPresent(
              f ->
                  verdicts.add(
                      GateResult.passed(
                          VERIFY,
                          dev.schemagate.analyzer.repo.VerifyQueries.check(f).size()
                              + " queries of "
                              + f.displayPath()
                              + " run right before the contract; any row returned refuses it")));
      out.add(new PlannedPhase(work, verdicts));
    }
    return out;
  }

  /** The name plan shows for "a contract without any gate that checks running code". */
  public static final String NO_CONTRACT_GATE = "contract-gate";

  private boolean guarded(PhaseWork work) {
    GateContext ctx = context(work);
    return gates.stream().anyMatch(g -> g.appliesTo(ctx));
  }

  /** What one {@code apply} did. */
  public record ApplyResult(List<String> applied, List<HistoryRow> interrupted) {}

  /**
   * Applies the pending phases in order, up to {@code target}. Stops at the first phase that a gate
   * holds back or that fails (then recorded {@code failed}, resumable).
   */
  public ApplyResult apply(ApprovedCommit commit, Optional<Target> target, Operator operator)
      throws SQLException, InterruptedException {
    try (RunnerLock lock = RunnerLock.acquire(db, settings.runnerLockWait())) {
      List<HistoryRow> interrupted = prepare(commit.repository());
      PhaseWorks works = new PhaseWorks(commit.check(), commit.commit());
      List<String> applied = new ArrayList<>();
      for (Planner.PendingPhase p :
          Planner.pending(
              commit.repository(), store.rows(null), target, operator.deferContracts())) {
        lock.verify();
        PhaseWork work = works.of(p.file());
        AppliedHistory history = AppliedHistory.of(p.track().name(), store.rows(p.track().name()));
        String override = contractOverride(work, operator);
        List<PhaseFile> after = new ArrayList<>(history.appliedFiles(p.track()));
        after.add(p.file());
        runPhase(work, p.track(), history, after, operator, override);
        applied.add(work.label());
      }
      return new ApplyResult(applied, interrupted);
    }
  }

  /**
   * Runs {@code rollback.sql} of {@code track@version}. Refused once the version's contract ran,
   * while a later version's expand is applied, when the expand is not applied, and when a gate
   * holds it back.
   */
  public void rollback(ApprovedCommit commit, String trackName, int version, Operator operator)
      throws SQLException, InterruptedException {
    MigrationRepository repo = commit.repository();
    Track track =
        Optional.ofNullable(repo.tracks().get(trackName))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown track \"" + trackName + "\"; tracks: " + repo.tracks().keySet()));
    MigrationVersion v =
        track
            .version(version)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "track " + trackName + " has no version " + version));
    try (RunnerLock lock = RunnerLock.acquire(db, settings.runnerLockWait())) {
      prepare(repo);
      AppliedHistory history = AppliedHistory.of(trackName, store.rows(trackName));
      String label = v.label();
      if (history.contractRan(version)) {
        throw new RunnerException(
            "rollback of " + label + " refused: its contract ran, and a contract cannot be undone");
      }
      laterVersionInTheWay(track, version, history)
          .ifPresent(
              reason -> {
                throw new RunnerException("rollback of " + label + " refused: " + reason);
              });
      if (v.phase(PhaseKind.EXPAND).isEmpty()) {
        throw new RunnerException(
            "rollback of "
                + label
                + " refused: it has no expand, so there is nothing to roll back"
                + " before its contract; its rollback.sql undoes an expand only");
      }
      if (!history.isApplied(version, PhaseKind.EXPAND)) {
        throw new RunnerException("rollback of " + label + " refused: its expand is not applied");
      }
      PhaseWork work = new PhaseWorks(commit.check(), commit.commit()).rollbackOf(track, v);
      String override = contractOverride(work, operator);
      List<PhaseFile> after = new ArrayList<>(history.appliedFiles(track));
      after.removeIf(f -> f.version() == version);
      runPhase(work, track, history, after, operator, override);
    }
  }

  /**
   * Why a later version keeps {@code version} from being rolled back: the newest later version with
   * any applied phase (expand, backfill or contract) builds on it, and undoing {@code version}
   * under it would leave that phase applied above a hole no plan can get past.
   */
  private static Optional<String> laterVersionInTheWay(
      Track track, int version, AppliedHistory history) {
    MigrationVersion newest = null;
    List<PhaseFile> applied = new ArrayList<>();
    for (MigrationVersion later : track.versions()) {
      if (later.number() <= version) {
        continue;
      }
      List<PhaseFile> own =
          later.phaseFiles().stream()
              .filter(f -> history.isApplied(f.version(), f.phase()))
              .toList();
      if (!own.isEmpty()) {
        newest = later;
        applied = own;
      }
    }
    if (newest == null) {
      return Optional.empty();
    }
    String what =
        String.join(", ", applied.stream().map(PhaseFile::label).toList())
            + (applied.size() == 1 ? " is" : " are")
            + " applied";
    String instead = "; undo " + track.name() + "@" + version + " with a new version instead";
    if (history.contractRan(newest.number())) {
      return Optional.of(what + " and a contract cannot be undone" + instead);
    }
    if (newest.rollback().isEmpty()) {
      return Optional.of(
          what + " and " + newest.label() + " has no rollback.sql, so nothing undoes it" + instead);
    }
    if (!history.isApplied(newest.number(), PhaseKind.EXPAND)) {
      return Optional.of(
          what
              + " and "
              + newest.label()
              + " cannot be rolled back (its expand is not applied)"
              + instead);
    }
    return Optional.of(what + "; roll back " + newest.label() + " first");
  }

  /**
   * Runner lock held: install or check the history schema, finish what a killed runner left
   * running.
   */
  private List<HistoryRow> prepare(MigrationRepository repo)
      throws SQLException, InterruptedException {
    try (Connection c = db.open()) {
      int before = HistorySchema.ensure(c);
      if (before == 0) {
        log.accept(
            "installed the schemagate history schema (version "
                + HistorySchema.VERSION
                + ") in "
                + db.describe());
      } else if (before < HistorySchema.VERSION) {
        log.accept(
            "upgraded the schemagate history schema from version "
                + before
                + " to "
                + HistorySchema.VERSION
                + " in "
                + db.describe());
      }
      int major = c.getMetaData().getDatabaseMajorVersion();
      for (Track t : repo.tracks().values()) {
        if (t.config().pgVersion() != major) {
          log.accept(
              "warning: track "
                  + t.name()
                  + " is checked against PostgreSQL "
                  + t.config().pgVersion()
                  + " (pg_version) but "
                  + db.describe()
                  + " runs PostgreSQL "
                  + major
                  + "; predicted locks may differ");
        }
      }
      List<HistoryRow> interrupted = store.finishInterrupted();
      for (HistoryRow r : interrupted) {
        log.accept(
            r.label()
                + ": the attempt started "
                + r.startedAt()
                + " by "
                + r.appliedBy()
                + " was interrupted; recorded as failed, resuming");
      }
      OrphanSessions.settle(c, settings.longTransactionWait(), log);
      republish();
      return interrupted;
    }
  }

  private void runPhase(
      PhaseWork work,
      Track track,
      AppliedHistory history,
      List<PhaseFile> appliedAfter,
      Operator operator,
      String override)
      throws SQLException, InterruptedException {
    List<GateResult> verdicts = askGates(work);
    for (GateResult g : verdicts) {
      if (g.holdsBack()) {
        heldBack.record(
            new HeldBack(
                work.track(),
                work.version(),
                work.phase(),
                work.file(),
                work.commit(),
                operator.actor(),
                g.gate(),
                g.reason(),
                null));
        throw new RunnerException(
            work.label() + " held back by gate " + g.gate() + ": " + g.reason());
      }
    }
    verifyBeforeContract(work, track, operator);
    String overrides = joinOverrides(override, verdicts);
    try (Connection c = db.open()) {
      boolean concurrently =
          work.statements().stream()
              .anyMatch(st -> st.has(dev.schemagate.analyzer.statement.Flag.CONCURRENTLY));
      LongTransactions.awaitNone(
          c,
          work.label(),
          work.tables(),
          concurrently,
          settings.longTransactionThreshold(),
          settings.longTransactionWait(),
          log);
    }
    // Progress of an interrupted attempt of the same file carries over (a backfill's key, the
    // statements of a non-transactional phase already done), unless a rollback came in between.
    Optional<HistoryRow> last =
        history
            .lastAttempt(work.version(), work.phase())
            .filter(r -> !r.succeeded() && r.checksum().equals(work.checksum()))
            .filter(
                r ->
                    history.rows().stream()
                        .noneMatch(
                            x ->
                                x.id() > r.id()
                                    && x.version() == r.version()
                                    && x.phase().equals(HistoryRow.ROLLBACK)
                                    && x.succeeded()));
    int resumeFrom = work.transactional() ? 0 : last.map(HistoryRow::statementsDone).orElse(0);
    String backfillKey = last.map(HistoryRow::backfillKey).orElse(null);
    Long backfillRows = last.map(HistoryRow::backfillRows).orElse(null);
    CompatibilityWindow window = WindowFromAppliedPhases.of(track, appliedAfter);
    TrackState state =
        new TrackState(
            track.name(),
            window.lastContracted(),
            window.lastExpanded(),
            work.version(),
            work.phase(),
            work.commit(),
            Instant.now());
    long id =
        store.insertRunning(
            new NewAttempt(
                work.track(),
                work.version(),
                work.phase(),
                work.file(),
                work.checksum(),
                work.commit(),
                operator.actor(),
                overrides,
                backfillKey,
                backfillRows,
                resumeFrom == 0 ? null : resumeFrom));
    log.accept(
        work.label()
            + ": running "
            + work.file()
            + " ("
            + work.execution()
            + ")"
            + (resumeFrom > 0 ? ", resuming after statement " + resumeFrom : "")
            + (backfillKey != null ? ", resuming after key " + backfillKey : ""));
    PhaseExecutor executor = new PhaseExecutor(db, store, settings, backfill, log);
    long t0 = System.nanoTime();
    try {
      executor.run(
          work,
          id,
          resumeFrom,
          new HistoryCheckpoint(db, id, backfillKey, backfillRows == null ? 0 : backfillRows),
          state);
    } catch (PhaseFailedException e) {
      recordFailure(id, e.reason(), e);
      throw e;
    } catch (RuntimeException | InterruptedException e) {
      recordFailure(id, "runner error: " + e, e);
      throw e;
    }
    log.accept(
        work.label()
            + ": succeeded in "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms; window of "
            + track.name()
            + " now ["
            + window.lastContracted()
            + ", "
            + window.lastExpanded()
            + "]");
    store.trackState(track.name()).ifPresent(this::publish);
  }

  /**
   * A contract whose version has {@code verify.sql} runs only when every query of it returns no row
   * (docs/runner.md#verification-before-contract); a refusal is recorded like a gate's hold.
   */
  private void verifyBeforeContract(PhaseWork work, Track track, Operator operator)
      throws SQLException {
    Optional<dev.schemagate.analyzer.repo.SqlFile> verify = verifyFile(work, track);
    if (verify.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    ContractVerification.Result r =
        ContractVerification.run(db, verify.get(), settings.statementTimeout());
    if (!r.passed()) {
      heldBack.record(
          new HeldBack(
              work.track(),
              work.version(),
              work.phase(),
              work.file(),
              work.commit(),
              operator.actor(),
              VERIFY,
              r.reason(),
              null));
      throw new RunnerException(
          work.label()
              + " refused by its verify.sql: "
              + r.reason()
              + "; finish the backfill or fix the rows, then run apply again");
    }
    log.accept(
        work.label() + ": " + r.reason() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  /** The name under which a verify.sql refusal is recorded in {@code schemagate.held_back}. */
  public static final String VERIFY = "verify";

  private static Optional<dev.schemagate.analyzer.repo.SqlFile> verifyFile(
      PhaseWork work, Track track) {
    if (work.kind() != PhaseKind.CONTRACT || work.isRollback()) {
      return Optional.empty();
    }
    return track.version(work.version()).flatMap(MigrationVersion::verify);
  }

  private void recordFailure(long id, String reason, Exception cause) {
    try {
      store.finishFailed(id, reason);
    } catch (SQLException e) {
      log.accept(
          "could not record the failure in the history ("
              + SqlErrors.describe(e)
              + "); the next run records it as interrupted");
    }
  }

  /**
   * A contract, or a rollback, needs a gate that checks the running code (the contract gate): a
   * contract removes what old code reads, a rollback what new code reads. Without one, only the
   * operator's explicit override lets it run, and the override is recorded.
   */
  private String contractOverride(PhaseWork work, Operator operator) {
    if (work.kind() != PhaseKind.CONTRACT && !work.isRollback()) {
      return null;
    }
    if (guarded(work)) {
      return null;
    }
    String what =
        work.isRollback()
            ? "rollback of "
                + work.track()
                + "@"
                + work.version()
                + " refused: no contract gate is configured to check that"
                + " no running code requires "
                + work.track()
                + "@"
                + work.version()
            : work.label()
                + " refused: no contract gate is configured to check that no running code still needs what it removes";
    if (operator.contractOverride().isEmpty()) {
      throw new RunnerException(
          what
              + "; configure rollout.contract_gate, or pass"
              + " --override-contract-gate \"<reason>\" (recorded in the history)");
    }
    log.accept(
        work.label()
            + ": no contract gate; running on the operator's override: "
            + operator.contractOverride().get());
    return "no contract gate configured; override: " + operator.contractOverride().get();
  }

  private static String joinOverrides(String own, List<GateResult> verdicts) {
    List<String> parts = new ArrayList<>();
    if (own != null) {
      parts.add(own);
    }
    for (GateResult g : verdicts) {
      if (g.status() == GateResult.Status.OVERRIDDEN) {
        parts.add(g.gate() + ": " + g.reason());
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private GateContext context(PhaseWork work) {
    return new GateContext(
        db, work.track(), work.version(), work.kind(), work.tables(), work.isRollback());
  }

  private List<GateResult> askGates(PhaseWork work) throws InterruptedException {
    GateContext ctx = context(work);
    List<GateResult> out = new ArrayList<>();
    for (Gate g : gates) {
      if (!g.appliesTo(ctx)) {
        continue;
      }
      try {
        out.add(g.check(ctx));
      } catch (RuntimeException e) {
        out.add(GateResult.failed(g.name(), "the gate could not be checked: " + e.getMessage()));
      }
    }
    return out;
  }

  /** Publishes every track's state from the history (on start: repairs a lost publication). */
  private void republish() throws SQLException {
    if (publisher.isEmpty()) {
      return;
    }
    for (TrackState s : store.trackStates()) {
      publish(s);
    }
  }

  private void publish(TrackState state) {
    if (publisher.isEmpty()) {
      return;
    }
    try {
      publisher.get().publish(state);
    } catch (StatePublisher.PublishException e) {
      log.accept(
          "warning: publishing the state of track "
              + state.track()
              + " failed ("
              + e.getMessage()
              + "); the history is authoritative and the next run publishes it again");
    }
  }

  /** Validates the repository against the history without running anything (used by status). */
  public static void validate(MigrationRepository repo, List<HistoryRow> rows) {
    for (Track t : repo.tracks().values()) {
      HistoryValidation.validate(t, AppliedHistory.of(t.name(), rows));
    }
  }
}
