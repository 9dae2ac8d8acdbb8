package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rollback of a version while a later version has a phase applied, for every kind of later phase:
 * refused before anything runs, with the history and every later plan left as they were (issue 12:
 * a rollback below an applied backfill jammed every later plan; below an applied contract it ended
 * with a {@code running} row).
 */
class RollbackOrderTest {

  @TempDir Path dir;

  static final String CREATE =
      "CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\n";
  static final String V2_EXPAND = "ALTER TABLE items ADD COLUMN note text;\n";
  static final String V2_ROLLBACK = "ALTER TABLE items DROP COLUMN note;\n";
  static final String V3_EXPAND = "ALTER TABLE items ADD COLUMN flag boolean;\n";
  static final String V3_ROLLBACK = "ALTER TABLE items DROP COLUMN flag;\n";
  static final String V3_BACKFILL =
      """
      -- schemagate:backfill table=items key=id batch=100
      UPDATE items SET note = name WHERE id BETWEEN $1 AND $2 AND note IS NULL;
      """;
  static final String V3_CONTRACT =
      """
      SET lock_timeout = '2s';
      ALTER TABLE items DROP COLUMN name;
      """;

  /** What app@3 holds, and what a rollback of app@2 must then say. */
  enum Later {
    EXPAND_WITH_ROLLBACK("app@3 expand is applied; roll back app@3 first"),
    EXPAND_WITHOUT_ROLLBACK(
        "app@3 expand is applied and app@3 has no rollback.sql, so nothing undoes it;"
            + " undo app@2 with a new version instead"),
    BACKFILL_ONLY(
        "app@3 backfill is applied and app@3 has no rollback.sql, so nothing undoes it;"
            + " undo app@2 with a new version instead"),
    EXPAND_AND_BACKFILL("app@3 expand, app@3 backfill are applied; roll back app@3 first"),
    CONTRACT_ONLY(
        "app@3 contract is applied and a contract cannot be undone; undo app@2 with a new version instead"),
    EXPAND_AND_CONTRACT(
        "app@3 expand, app@3 contract are applied and a contract cannot be undone;"
            + " undo app@2 with a new version instead");

    final String reason;

    Later(String reason) {
      this.reason = reason;
    }

    void write(TestRepo repo) {
      String v3 = "migrations/app/0003_later/";
      switch (this) {
        case EXPAND_WITH_ROLLBACK ->
            repo.file(v3 + "expand.sql", V3_EXPAND).file(v3 + "rollback.sql", V3_ROLLBACK);
        case EXPAND_WITHOUT_ROLLBACK -> repo.file(v3 + "expand.sql", V3_EXPAND);
        case BACKFILL_ONLY -> repo.file(v3 + "backfill.sql", V3_BACKFILL);
        case EXPAND_AND_BACKFILL ->
            repo.file(v3 + "expand.sql", V3_EXPAND)
                .file(v3 + "rollback.sql", V3_ROLLBACK)
                .file(v3 + "backfill.sql", V3_BACKFILL);
        case CONTRACT_ONLY -> repo.file(v3 + "contract.sql", V3_CONTRACT);
        case EXPAND_AND_CONTRACT ->
            repo.file(v3 + "expand.sql", V3_EXPAND)
                .file(v3 + "rollback.sql", V3_ROLLBACK)
                .file(v3 + "contract.sql", V3_CONTRACT);
        default -> throw new IllegalStateException(name());
      }
    }
  }

  /**
   * v1 creates the table, v2 adds a column (with rollback.sql), v3 is {@code later}; all committed.
   */
  private TestRepo committed(Later later) {
    TestRepo repo =
        TestRepo.app(dir)
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_note/expand.sql", V2_EXPAND)
            .file("migrations/app/0002_note/rollback.sql", V2_ROLLBACK);
    later.write(repo);
    repo.commit("v1, v2, v3");
    return repo;
  }

  @ParameterizedTest
  @EnumSource(Later.class)
  void rollbackBelowAnAppliedLaterPhaseIsRefusedAndChangesNothing(Later later) throws Exception {
    TestRepo repo = committed(later);
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    ApprovedCommit commit = Runs.approve(repo);
    run.rollout.apply(commit, Optional.of(Target.parse("app@3")), Runs.OVERRIDE);
    List<HistoryRow> before = run.rollout.history().rows("app");

    RunnerException e =
        assertThrows(
            RunnerException.class, () -> run.rollout.rollback(commit, "app", 2, Runs.OVERRIDE));
    assertEquals("rollback of app@2 refused: " + later.reason, e.getMessage());

    assertEquals(before, run.rollout.history().rows("app"), "nothing ran, nothing was recorded");
    assertEquals(
        List.of("note"),
        Runs.column(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
    assertEquals(
        List.of(),
        run.rollout.plan(commit, Optional.empty(), Runs.OVERRIDE),
        "the track still plans: nothing left");
  }

  @ParameterizedTest
  @EnumSource(Later.class)
  void rollbackBelowALaterVersionThatIsNotAppliedRunsAndTheLaterVersionStillApplies(Later later)
      throws Exception {
    TestRepo repo = committed(later);
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    ApprovedCommit commit = Runs.approve(repo);
    run.rollout.apply(commit, Optional.of(Target.parse("app@2")), Runs.OVERRIDE);

    run.rollout.rollback(commit, "app", 2, Runs.OVERRIDE);
    assertEquals(
        List.of(),
        Runs.column(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
    run.rollout.apply(commit, Optional.empty(), Runs.OVERRIDE);
    if (later == Later.BACKFILL_ONLY) {
      assertTrue(
          run.log.contains(
              "app@3 backfill: running migrations/app/0003_later/backfill.sql (in batches, one transaction each)"),
          run.log.toString());
    }
    assertEquals(List.of(), run.rollout.plan(commit, Optional.empty(), Runs.OVERRIDE));
    assertEquals(
        List.of("succeeded"),
        run.rollout.history().rows("app").stream().map(HistoryRow::outcome).distinct().toList());
  }
}
