package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} runs examples/shop's backfills through the batched engine, checkpointing in the
 * history.
 */
class ApplyBackfillTest {

  @TempDir Path dir;

  @Test
  void applyRunsABackfillInBatchesOverExistingRows() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    run.rollout.apply(commit, Optional.of(Target.parse("orders@5")), Runs.OVERRIDE);
    // rows written by code of orders@5, before orders@6 adds amount_cents
    Runs.exec(
        db,
        "INSERT INTO orders (customer_id, total_cents) SELECT g % 100, g FROM generate_series(1, 20000) g; ANALYZE orders");

    run.rollout.apply(commit, Optional.of(Target.parse("orders@6.backfill")), Runs.OVERRIDE);

    assertEquals(
        List.of("0"),
        Runs.column(
            db, "SELECT count(*) FROM orders WHERE amount_cents IS DISTINCT FROM total_cents"));
    HistoryRow backfill =
        run.rollout.history().rows("orders").stream()
            .filter(r -> r.version() == 6 && r.phase().equals("backfill"))
            .findFirst()
            .orElseThrow();
    assertTrue(backfill.succeeded(), backfill.toString());
    assertEquals(20_000L, backfill.backfillRows());
    assertEquals(
        Runs.column(db, "SELECT max(id)::text FROM orders").get(0), backfill.backfillKey());
    assertTrue(
        run.log.stream()
            .anyMatch(l -> l.contains("orders@6 backfill: batches over orders by (id)")),
        run.log.toString());
  }

  /**
   * Old code that writes total_cents unchanged on a row the backfill has not reached: the sync
   * trigger fills amount_cents, so the NOT VALID check (which applies to the new row version)
   * passes.
   */
  @Test
  void oldCodeRewritingAnUnchangedTotalOnARowNotYetBackfilledStillWorks() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    run.rollout.apply(commit, Optional.of(Target.parse("orders@5")), Runs.OVERRIDE);
    Runs.exec(db, "INSERT INTO orders (customer_id, total_cents) VALUES (1, 500)");
    run.rollout.apply(commit, Optional.of(Target.parse("orders@6.expand")), Runs.OVERRIDE);

    Runs.exec(db, "UPDATE orders SET total_cents = total_cents");

    assertEquals(List.of("500"), Runs.column(db, "SELECT amount_cents::text FROM orders"));
  }
}
