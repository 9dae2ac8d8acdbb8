package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.contract.state.TrackState;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.gate.Gate;
import dev.schemagate.runner.gate.GateContext;
import dev.schemagate.runner.gate.GateResult;
import dev.schemagate.runner.history.HeldBack;
import dev.schemagate.runner.history.HeldBackLog;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.PlannedPhase;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.runner.publish.StatePublisher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates, publication, long transactions and cloned repositories, through the runner's seams. */
class SeamsTest {

  @TempDir Path dir;

  /** A real gate: holds a phase back while a SQL condition on the target database is true. */
  record SqlGate(String name, String heldWhen, PhaseKind phase, boolean overridden)
      implements Gate {
    @Override
    public boolean appliesTo(GateContext context) {
      return context.phase() == phase && !context.rollback();
    }

    @Override
    public GateResult check(GateContext context) {
      try (Connection c = context.database().open();
          Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT (" + heldWhen + ")::boolean")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return GateResult.passed(name, "condition false");
        }
        return overridden
            ? GateResult.overridden(name, "cluster unreachable; operator says: staging")
            : GateResult.failed(name, heldWhen + " is true on " + context.tables());
      } catch (java.sql.SQLException e) {
        return GateResult.failed(name, e.getMessage());
      }
    }
  }

  /** A real publisher into memory: what the webhook would have been told. */
  static final class Published implements StatePublisher {
    final List<TrackState> states = new ArrayList<>();

    @Override
    public void publish(TrackState state) {
      states.add(state);
    }
  }

  @Test
  void aFailingGateHoldsThePhaseBackAndAnOverriddenOneIsRecorded() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Gate busy = new SqlGate("busy", "(SELECT count(*) FROM orders) > 0", PhaseKind.EXPAND, false);
    Published published = new Published();
    List<String> log = new ArrayList<>();
    new Runs(db, RolloutSettings.DEFAULTS)
        .rollout.apply(commit, Optional.of(Target.parse("orders@1")), Runs.DEV);
    Rollout rollout =
        new Rollout(
            db,
            RolloutSettings.DEFAULTS,
            List.of(busy),
            Optional.of(published),
            Runs.BACKFILL,
            log::add);
    Runs.exec(db, "INSERT INTO customers (email, full_name) VALUES ('a@x', 'A')");
    Runs.exec(db, "INSERT INTO orders (customer_id, total_cents) VALUES (1, 100)");

    List<PlannedPhase> plan = rollout.plan(commit, Optional.of(Target.parse("orders@2")), Runs.DEV);
    assertEquals("busy", plan.get(0).gates().get(0).gate());
    assertTrue(plan.get(0).heldBack());
    RunnerException held =
        assertThrows(
            RunnerException.class,
            () -> rollout.apply(commit, Optional.of(Target.parse("orders@2")), Runs.DEV));
    assertTrue(
        held.getMessage()
            .startsWith(
                "orders@2 expand held back by gate busy: (SELECT count(*) FROM orders) > 0 is true on [public.orders]"),
        held.getMessage());
    assertEquals(
        1, rollout.history().rows(null).size(), "no attempt recorded for a held-back phase");
    List<HeldBack> heldBack = new HeldBackLog(db).list("orders");
    assertEquals(1, heldBack.size(), "but the hold is, with its gate and reason");
    assertEquals(
        List.of(
            2,
            "expand",
            "busy",
            "test@runner",
            "migrations/orders/0002_add_order_currency/expand.sql"),
        List.of(
            heldBack.get(0).version(),
            heldBack.get(0).phase(),
            heldBack.get(0).gate(),
            heldBack.get(0).appliedBy(),
            heldBack.get(0).file()));
    assertTrue(
        heldBack.get(0).reason().startsWith("(SELECT count(*) FROM orders) > 0 is true"),
        heldBack.get(0).reason());
    assertEquals(commit.commit(), heldBack.get(0).commit());

    Gate contractGate = new SqlGate("contract", "true", PhaseKind.CONTRACT, true);
    Rollout overridden =
        new Rollout(
            db,
            RolloutSettings.DEFAULTS,
            List.of(contractGate),
            Optional.of(published),
            Runs.BACKFILL,
            log::add);
    overridden.apply(commit, Optional.of(Target.parse("orders@3")), Runs.DEV);
    HistoryRow contract = overridden.history().rows("orders").get(4);
    assertEquals("orders@3 contract", contract.label());
    assertEquals(
        "contract: cluster unreachable; operator says: staging", contract.contractOverride());

    // published after each phase, and the whole state again on start
    assertEquals(
        List.of(
            "orders 0..1 expand",
            "orders 0..1 expand",
            "orders 0..2 expand",
            "orders 0..2 expand",
            "orders 0..3 backfill",
            "orders 3..3 contract"),
        published.states.stream()
            .map(s -> s.track() + " " + s.contracted() + ".." + s.expanded() + " " + s.lastPhase())
            .toList());
  }

  /** A rollback gate: the version is still required (here: a table of "running pods" says so). */
  record RequiredGate() implements Gate {
    @Override
    public String name() {
      return "pods";
    }

    @Override
    public boolean appliesTo(GateContext context) {
      return context.rollback();
    }

    @Override
    public GateResult check(GateContext context) {
      try (Connection c = context.database().open();
          Statement s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT string_agg(pod, ', ') FROM running_pods WHERE requires >= "
                      + context.version())) {
        rs.next();
        return rs.getString(1) == null
            ? GateResult.passed(name(), "no pod requires it")
            : GateResult.failed(
                name(),
                "running pods require "
                    + context.track()
                    + "@"
                    + context.version()
                    + ": "
                    + rs.getString(1));
      } catch (java.sql.SQLException e) {
        return GateResult.failed(name(), e.getMessage());
      }
    }
  }

  @Test
  void aRollbackIsAskedOfTheGatesAsARollback() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs.exec(
        db,
        "CREATE TABLE running_pods (pod text, requires int); INSERT INTO running_pods VALUES ('orders-api-7d9f', 2)");
    List<String> log = new ArrayList<>();
    Rollout rollout =
        new Rollout(
            db,
            RolloutSettings.DEFAULTS,
            List.of(new RequiredGate()),
            Optional.empty(),
            Runs.BACKFILL,
            log::add);
    rollout.apply(commit, Optional.of(Target.parse("orders@2")), Runs.DEV);

    RunnerException e =
        assertThrows(RunnerException.class, () -> rollout.rollback(commit, "orders", 2, Runs.DEV));
    assertEquals(
        "orders@2 rollback held back by gate pods: running pods require orders@2: orders-api-7d9f",
        e.getMessage());
    assertEquals(
        List.of("rollback pods running pods require orders@2: orders-api-7d9f"),
        new HeldBackLog(db)
            .list("orders").stream()
                .map(h -> h.phase() + " " + h.gate() + " " + h.reason())
                .toList());
    Runs.exec(db, "DELETE FROM running_pods");
    rollout.rollback(commit, "orders", 2, Runs.DEV);
    assertEquals(
        null,
        rollout.history().rows("orders").get(2).contractOverride(),
        "a gate checked it: no override");
    assertEquals(1, rollout.history().trackState("orders").orElseThrow().expanded());
  }

  @Test
  void longRunningTransactionsOnThePhasesTablesAreWaitedForThenNamed() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    RolloutSettings settings =
        RolloutSettings.DEFAULTS.withLongTransactions(
            Duration.ofMillis(500), Duration.ofSeconds(2));
    Runs run = new Runs(db, settings);
    run.rollout.apply(commit, Optional.of(Target.parse("orders@1")), Runs.DEV);

    try (Connection old = db.open();
        Statement s = old.createStatement()) {
      old.setAutoCommit(false);
      s.execute("SELECT count(*) FROM orders");
      Thread.sleep(700);
      int pid =
          Integer.parseInt(
              Runs.column(
                      db,
                      "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT count(*) FROM orders'")
                  .get(0));
      RunnerException e =
          assertThrows(
              RunnerException.class,
              () -> run.rollout.apply(commit, Optional.of(Target.parse("orders@2")), Runs.DEV));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "orders@2 expand not started: long-running transactions hold locks on its tables"
                      + " after waiting 2 s: pid "
                      + pid
                      + " (transaction started "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .contains("idle in transaction, on orders, last query: SELECT count(*) FROM orders)"),
          e.getMessage());
      assertTrue(
          run.log.stream()
              .anyMatch(
                  l ->
                      l.startsWith(
                          "orders@2 expand: waiting up to 2 s for long-running transactions")));
      old.rollback();
    }
    run.rollout.apply(commit, Optional.of(Target.parse("orders@2")), Runs.DEV);
    assertEquals(2, run.rollout.history().trackState("orders").orElseThrow().expanded());
  }

  @Test
  void aGitUrlIsClonedAndItsProtectedBranchApproved() throws Exception {
    TestRepo repo = TestRepo.shop(dir.resolve("origin"));
    String head = repo.git.getRepository().resolve("HEAD").name();
    try (CommitSource source = CommitSource.open(repo.root.toUri().toString())) {
      ApprovedCommit commit = source.approve(Optional.empty(), Runs.ENGINES);
      assertEquals(head, commit.commit());
      assertEquals("main", commit.protectedBranch());
      assertEquals(
          List.of("orders", "billing"), List.copyOf(commit.repository().tracks().keySet()));
    }
    RunnerException missing =
        assertThrows(
            RunnerException.class, () -> CommitSource.open("file:///nonexistent/repo.git"));
    assertTrue(
        missing.getMessage().startsWith("cannot clone file:///nonexistent/repo.git: "),
        missing.getMessage());
  }
}
