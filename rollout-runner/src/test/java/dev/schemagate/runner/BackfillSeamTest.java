package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.apply.BackfillExecutor;
import dev.schemagate.runner.apply.PhaseFailedException;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam between the runner and a backfill engine: the history row is the checkpoint, each batch
 * advances it in its own transaction, and a failed attempt's successor resumes after its key. The
 * engine here is a small real one (key ranges of 100 ids) that fails once after three batches.
 */
class BackfillSeamTest {

  @TempDir Path dir;

  /** Batches of 100 ids after the checkpoint's key; throws once after {@code failAfter} batches. */
  static final class RangeBackfill implements BackfillExecutor {
    int failAfter;
    final List<String> startedAt = new ArrayList<>();

    RangeBackfill(int failAfter) {
      this.failAfter = failAfter;
    }

    @Override
    public void run(Request r) throws SQLException {
      long key = Long.parseLong(r.checkpoint().lastKey().orElse("0"));
      startedAt.add(String.valueOf(key));
      int batches = 0;
      while (true) {
        try (Connection c = r.database().open()) {
          c.setAutoCommit(false);
          int changed;
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE items SET visits = visits + 1, copy = name WHERE id > ? AND id <= ?")) {
            s.setLong(1, key);
            s.setLong(2, key + 100);
            changed = s.executeUpdate();
          }
          if (changed == 0) {
            return;
          }
          key += 100;
          r.checkpoint().advance(c, String.valueOf(key), changed);
          c.commit();
        }
        if (++batches == failAfter) {
          failAfter = -1;
          throw new SQLException("replica lag too high (simulated)", "XX000");
        }
      }
    }
  }

  @Test
  void aFailedBackfillResumesAfterItsCheckpointAndTouchesNoRowTwice() throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file(
                "migrations/app/0001_create/expand.sql",
                """
            CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, visits integer NOT NULL DEFAULT 0);
            """)
            .file(
                "migrations/app/0002_copy/expand.sql", "ALTER TABLE items ADD COLUMN copy text;\n")
            .file(
                "migrations/app/0002_copy/backfill.sql",
                "UPDATE items SET copy = name WHERE copy IS NULL;\n");
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    new Runs(db, RolloutSettings.DEFAULTS)
        .rollout.apply(commit, Optional.of(Target.parse("app@2.expand")), Runs.DEV);
    Runs.exec(
        db, "INSERT INTO items (id, name) SELECT g, 'n' || g FROM generate_series(1, 1000) g");

    RangeBackfill engine = new RangeBackfill(3);
    List<String> log = new ArrayList<>();
    Rollout rollout =
        new Rollout(
            db,
            RolloutSettings.DEFAULTS,
            List.of(),
            Optional.empty(),
            Optional.of(engine),
            log::add);
    PhaseFailedException e =
        assertThrows(
            PhaseFailedException.class, () -> rollout.apply(commit, Optional.empty(), Runs.DEV));
    assertEquals("backfill: replica lag too high (simulated) (SQLSTATE XX000)", e.reason());
    HistoryRow failed = rollout.history().rows("app").get(2);
    assertEquals("failed", failed.outcome());
    assertEquals("300", failed.backfillKey());
    assertEquals(300L, failed.backfillRows());

    rollout.apply(commit, Optional.empty(), Runs.DEV);

    assertEquals(List.of("0", "300"), engine.startedAt);
    assertTrue(log.stream().anyMatch(l -> l.contains("resuming after key 300")), log.toString());
    HistoryRow done = rollout.history().rows("app").get(3);
    assertEquals("succeeded", done.outcome());
    assertEquals(1000L, done.backfillRows());
    assertEquals(
        List.of("1 1000"),
        Runs.column(
            db,
            "SELECT min(visits) || ' ' || count(*) FROM items WHERE visits = 1 AND copy = name"));
    assertEquals(List.of("0"), Runs.column(db, "SELECT count(*) FROM items WHERE visits <> 1"));
    assertEquals(2, rollout.history().trackState("app").orElseThrow().expanded());
  }
}
