package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.contract.state.TrackState;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.PlannedPhase;
import dev.schemagate.runner.plan.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/shop applied to a real PostgreSQL 17, from a real Git repository. */
class ApplyShopTest {

  @TempDir Path dir;

  @Test
  void appliesTheWholeShopInOrderAndRecordsEveryPhase() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);

    Rollout.ApplyResult result = run.rollout.apply(commit, Optional.empty(), Runs.OVERRIDE);

    int phases = commit.repository().phaseFiles().size();
    assertEquals(phases, result.applied().size(), run.log.toString());
    assertEquals("orders@1 expand", result.applied().get(0));
    List<HistoryRow> rows = run.rollout.history().rows(null);
    assertEquals(phases, rows.size());
    assertTrue(rows.stream().allMatch(HistoryRow::succeeded), rows.toString());
    assertTrue(
        rows.stream()
            .allMatch(
                r -> r.commit().equals(commit.commit()) && r.appliedBy().equals("test@runner")));
    assertTrue(rows.stream().allMatch(r -> r.checksum().matches("sha256:[0-9a-f]{64}")));
    // every contract ran on the operator's override, which the history keeps
    assertTrue(
        rows.stream()
            .filter(r -> r.phase().equals("contract"))
            .allMatch(
                r ->
                    r.contractOverride() != null
                        && r.contractOverride().contains("test: no cluster")),
        rows.toString());

    TrackState orders = run.rollout.history().trackState("orders").orElseThrow();
    assertEquals(9, orders.contracted());
    assertEquals(9, orders.expanded());
    assertEquals("contract", orders.lastPhase());
    TrackState billing = run.rollout.history().trackState("billing").orElseThrow();
    assertEquals(0, billing.contracted());
    assertEquals(3, billing.expanded());

    // the schema is what the phases built
    assertEquals(
        List.of("amount_cents", "created_at", "currency", "customer_id", "id", "status"),
        Runs.column(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY 1"));
    assertEquals(
        List.of("true"),
        Runs.column(
            db,
            "SELECT bool_and(indisvalid)::text FROM pg_index WHERE indexrelid = 'orders_status_created_at_idx'::regclass"));

    // nothing left: a second apply does nothing
    Rollout.ApplyResult again =
        new Runs(db, RolloutSettings.DEFAULTS)
            .rollout.apply(commit, Optional.empty(), Runs.OVERRIDE);
    assertEquals(List.of(), again.applied());
    assertEquals(phases, run.rollout.history().rows(null).size());
  }

  @Test
  void planShowsThePendingPhasesInOrderWithPredictedLocksAndChangesNothing() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    run.rollout.apply(commit, Optional.of(Target.parse("orders@3.expand")), Runs.DEV);

    List<PlannedPhase> plan =
        run.rollout.plan(commit, Optional.of(Target.parse("orders@4")), Runs.DEV);

    assertEquals(
        List.of("orders@3 backfill", "orders@3 contract", "orders@4 expand"),
        plan.stream().map(p -> p.work().label()).toList());
    assertEquals(
        "contract-gate FAILED no contract gate configured; apply needs --override-contract-gate \"<reason>\"",
        plan.get(1).gates().stream()
            .map(g -> g.gate() + " " + g.status() + " " + g.reason())
            .findFirst()
            .orElseThrow());
    assertTrue(plan.get(1).heldBack() && !plan.get(0).heldBack());
    PlannedPhase index = plan.get(2);
    assertTrue(!index.work().transactional());
    assertTrue(
        index
            .work()
            .locks()
            .contains(new RelationLock("public.orders", LockMode.SHARE_UPDATE_EXCLUSIVE)),
        index.work().locks().toString());
    assertTrue(
        plan.get(1).work().locks().stream().anyMatch(l -> l.mode() == LockMode.ACCESS_EXCLUSIVE),
        plan.get(1).work().locks().toString());
    // plan changed nothing
    assertEquals(3, run.rollout.history().rows(null).size());
    assertEquals(
        List.of(),
        Runs.column(
            db,
            "SELECT indexname FROM pg_indexes WHERE indexname = 'orders_status_created_at_idx'"));
  }

  @Test
  void deferredContractsLetLaterVersionsExpandAndRunLaterInOrder() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    Rollout.Operator defer = new Rollout.Operator("test@runner", Optional.empty(), true);

    Rollout.ApplyResult forward =
        run.rollout.apply(commit, Optional.of(Target.parse("orders@9")), defer);

    assertTrue(
        forward.applied().stream().noneMatch(l -> l.endsWith("contract")),
        forward.applied().toString());
    TrackState expanded = run.rollout.history().trackState("orders").orElseThrow();
    assertEquals(0, expanded.contracted());
    assertEquals(9, expanded.expanded());
    assertEquals(
        List.of("orders@3 contract", "orders@5 contract", "orders@6 contract", "orders@9 contract"),
        run.rollout.plan(commit, Optional.of(Target.parse("orders@9")), Runs.DEV).stream()
            .map(p -> p.work().label())
            .toList());

    Rollout.ApplyResult contracts =
        run.rollout.apply(commit, Optional.of(Target.parse("orders@9")), Runs.OVERRIDE);
    assertEquals(
        List.of("orders@3 contract", "orders@5 contract", "orders@6 contract", "orders@9 contract"),
        contracts.applied());
    assertEquals(9, run.rollout.history().trackState("orders").orElseThrow().contracted());
  }

  @Test
  void aContractWithoutContractGateNeedsTheOperatorsOverride() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);

    RunnerException e =
        assertThrows(
            RunnerException.class,
            () -> run.rollout.apply(commit, Optional.of(Target.parse("orders@3")), Runs.DEV));

    assertTrue(
        e.getMessage().startsWith("orders@3 contract refused: no contract gate is configured"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--override-contract-gate"), e.getMessage());
    TrackState state = run.rollout.history().trackState("orders").orElseThrow();
    assertEquals(0, state.contracted());
    assertEquals(3, state.expanded());
  }
}
