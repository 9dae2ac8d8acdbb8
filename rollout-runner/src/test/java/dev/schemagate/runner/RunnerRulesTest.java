package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.apply.PhaseFailedException;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.lock.RunnerLock;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integrity and concurrency rules of apply: checksums, one runner, lock timeouts, rollback. */
class RunnerRulesTest {

  @TempDir Path dir;

  static final String CREATE =
      """
      CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
      """;
  static final String ADD_NOTE =
      """
      ALTER TABLE items ADD COLUMN note text;
      """;

  @Test
  void anAppliedFileThatChangedStopsTheRunNamingTheFileAndBothChecksums() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    run.rollout.apply(Runs.approve(repo), Optional.of(Target.parse("orders@2")), Runs.DEV);
    String applied = run.rollout.history().rows("orders").get(0).checksum();

    repo.file(
        "migrations/orders/0001_create_orders/expand.sql",
        java.nio.file.Files.readString(
                repo.root.resolve("migrations/orders/0001_create_orders/expand.sql"))
            + "\nCREATE INDEX orders_status_idx ON orders (status);\n");
    repo.commit("edit an applied file");
    ApprovedCommit edited = Runs.approve(repo);

    RunnerException e =
        assertThrows(
            RunnerException.class,
            () -> run.rollout.apply(edited, Optional.empty(), Runs.OVERRIDE));
    String now =
        "sha256:"
            + edited
                .repository()
                .track("orders")
                .version(1)
                .orElseThrow()
                .phases()
                .get(dev.schemagate.analyzer.repo.PhaseKind.EXPAND)
                .checksum();
    assertTrue(
        e.getMessage()
            .startsWith(
                "migrations/orders/0001_create_orders/expand.sql changed after it was applied"),
        e.getMessage());
    assertTrue(e.getMessage().contains(applied) && e.getMessage().contains(now), e.getMessage());
    assertTrue(!applied.equals(now));
    assertEquals(2, run.rollout.history().rows(null).size(), "nothing ran");
  }

  @Test
  void aVersionAddedBelowAppliedOnesIsRefused() throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0003_note/expand.sql", ADD_NOTE);
    repo.commit("v1, v3");
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    run.rollout.apply(Runs.approve(repo), Optional.empty(), Runs.DEV);
    repo.file(
        "migrations/app/0002_flag/expand.sql", "ALTER TABLE items ADD COLUMN flag boolean;\n");
    repo.commit("v2, below v3");

    RunnerException e =
        assertThrows(
            RunnerException.class,
            () -> run.rollout.apply(Runs.approve(repo), Optional.empty(), Runs.DEV));
    assertEquals(
        "migrations/app/0002_flag/expand.sql: app@2 expand is not applied, but app@3 expand which comes after it"
            + " is; a phase cannot be added below applied ones (give it a version above 3)",
        e.getMessage());
  }

  @Test
  void aSecondRunnerWaitsBoundedThenNamesTheHolder() throws Exception {
    TestRepo repo = TestRepo.app(dir).file("migrations/app/0001_create/expand.sql", CREATE);
    repo.commit("v1");
    JdbcDatabase db = TestPg.newDatabase();
    Runs second = new Runs(db, RolloutSettings.DEFAULTS.withRunnerLockWait(Duration.ofSeconds(1)));
    ApprovedCommit commit = Runs.approve(repo);

    try (RunnerLock first = RunnerLock.acquire(db, Duration.ofSeconds(1))) {
      long t0 = System.nanoTime();
      RunnerException e =
          assertThrows(
              RunnerException.class,
              () -> second.rollout.apply(commit, Optional.empty(), Runs.DEV));
      long waited = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(waited >= 900, "waited " + waited + " ms");
      assertTrue(
          e.getMessage().startsWith("another schemagate runner holds " + db.describe() + " (pid "),
          e.getMessage());
      assertTrue(e.getMessage().contains("application_name 'schemagate-runner'"), e.getMessage());
    }
    assertEquals(
        List.of(),
        second.rollout.history().rows(null),
        "nothing ran while the other runner held the lock");
    second.rollout.apply(commit, Optional.empty(), Runs.DEV);
    assertEquals(1, second.rollout.history().rows(null).size());
  }

  @Test
  void lockTimeoutsExhaustedEndThePhaseFailedWithTheReasonAndItResumesOnceReleased()
      throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_note/expand.sql", ADD_NOTE);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    RolloutSettings fast =
        RolloutSettings.DEFAULTS
            .withLockTimeout(Duration.ofMillis(200))
            .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200));
    Runs run = new Runs(db, fast);
    ApprovedCommit commit = Runs.approve(repo);
    run.rollout.apply(commit, Optional.of(Target.parse("app@1")), Runs.DEV);

    try (Connection reader = db.open();
        Statement s = reader.createStatement()) {
      reader.setAutoCommit(false);
      s.execute("SET application_name = 'long-report'");
      s.execute("SELECT count(*) FROM items"); // ACCESS SHARE until the transaction ends
      int pid =
          Integer.parseInt(
              Runs.column(
                      db, "SELECT pid FROM pg_stat_activity WHERE application_name = 'long-report'")
                  .get(0));
      PhaseFailedException e =
          assertThrows(
              PhaseFailedException.class,
              () -> run.rollout.apply(commit, Optional.empty(), Runs.DEV));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "app@2 expand failed: statement 1 (migrations/app/0002_note/expand.sql:1:"),
          e.getMessage());
      assertTrue(
          e.reason().contains("lock timeout")
              && e.reason().contains("SQLSTATE 55P03")
              && e.reason().contains("lock not granted in 3 attempts"),
          e.reason());
      // The failure and every retry line name the session in the way, what it does and how old its
      // transaction is.
      String blocker =
          "in the way: pid "
              + pid
              + " (application 'long-report', user postgres, idle in transaction, transaction open ";
      assertTrue(
          e.reason().contains(blocker) && e.reason().contains("query: SELECT count(*) FROM items)"),
          e.reason());
      assertTrue(
          e.reason()
              .endsWith(
                  "; end those transactions, or apply again with --wait-for-blockers 5min to wait for them"),
          e.reason());
      HistoryRow failed = run.rollout.history().rows("app").get(1);
      assertEquals("failed", failed.outcome());
      assertEquals(e.reason(), failed.reason());
      assertEquals(
          2,
          run.log.stream().filter(l -> l.contains("retrying in") && l.contains(blocker)).count(),
          run.log.toString());
      reader.rollback();
    }

    run.rollout.apply(commit, Optional.empty(), Runs.DEV);
    List<HistoryRow> rows = run.rollout.history().rows("app");
    assertEquals(
        List.of("succeeded", "failed", "succeeded"),
        rows.stream().map(HistoryRow::outcome).toList());
    assertEquals(
        List.of("note"),
        Runs.column(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
    assertEquals(2, run.rollout.history().trackState("app").orElseThrow().expanded());
  }

  @Test
  void withWaitForBlockersALockNotGrantedWaitsForTheBlockerToEndThenRetriesAtOnce()
      throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_note/expand.sql", ADD_NOTE);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    // Three attempts 10-20 s apart: without the wait for the blocker, the second attempt would come
    // long after it ended.
    Runs run =
        new Runs(
            db,
            RolloutSettings.DEFAULTS
                .withLockTimeout(Duration.ofMillis(200))
                .withRetries(3, Duration.ofSeconds(20), Duration.ofSeconds(20))
                .withWaitForBlockers(Duration.ofSeconds(60)));
    ApprovedCommit commit = Runs.approve(repo);
    run.rollout.apply(commit, Optional.of(Target.parse("app@1")), Runs.DEV);

    java.util.concurrent.CompletableFuture<Rollout.ApplyResult> pending;
    long released;
    try (Connection reader = db.open();
        Statement s = reader.createStatement()) {
      reader.setAutoCommit(false);
      s.execute("SELECT count(*) FROM items");
      pending =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return run.rollout.apply(commit, Optional.empty(), Runs.DEV);
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      awaitLog(run, "for them to end their transactions (--wait-for-blockers)");
      released = System.nanoTime();
      reader.rollback();
    }
    assertEquals(
        List.of("app@2 expand"), pending.get(60, java.util.concurrent.TimeUnit.SECONDS).applied());
    long after = (System.nanoTime() - released) / 1_000_000;
    assertTrue(
        after < 10_000,
        "applied " + after + " ms after the blocker ended, not after the 10-20 s backoff");
    assertTrue(
        run.log.stream()
            .anyMatch(
                l ->
                    l.equals(
                        "app@2 expand: the sessions in the way ended their transactions; attempt 2 now")),
        run.log.toString());
  }

  @Test
  void aCreateIndexConcurrentlyWaitsForAnOldTransactionOnAnotherTableInsteadOfRebuilding()
      throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_index/expand.sql", FaultTest.INDEX);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, FAST_RETRIES);
    ApprovedCommit commit = Runs.approve(repo);
    appliedV1WithRows(db, run, commit);

    // The snapshot holder reads pg_class, not items; the build waits for it (well past lock_timeout
    // 300 ms), names it, then finishes.
    assertEquals(
        List.of("app@2 expand"),
        applyWhileASnapshotIsHeld(db, run, commit, "waits for older transactions to finish")
            .applied());
    String waiting =
        run.log.stream()
            .filter(l -> l.contains("waits for older transactions"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        waiting.contains("at most 10min (rollout.concurrent_index_wait): pid ")
            && waiting.contains("query: SELECT count(*) FROM pg_class"),
        waiting);
    assertTrue(
        run.log.stream()
            .noneMatch(l -> l.contains("lock not granted") || l.contains("dropping INVALID")),
        run.log.toString());
    assertEquals(
        List.of("items_name_idx true"),
        Runs.column(
            db,
            "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = 'items_name_idx'"));
    assertEquals(
        List.of("succeeded", "succeeded"),
        run.rollout.history().rows("app").stream().map(HistoryRow::outcome).toList());
  }

  @Test
  void aCreateIndexConcurrentlyThatGivesUpDropsItsInvalidIndexAtOnceAndNamesTheBlocker()
      throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_index/expand.sql", FaultTest.INDEX);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, FAST_RETRIES.withConcurrentIndexWait(Duration.ofSeconds(1)));
    ApprovedCommit commit = Runs.approve(repo);
    appliedV1WithRows(db, run, commit);

    try (Connection snapshot = db.open();
        Statement s = snapshot.createStatement()) {
      snapshot.setAutoCommit(false);
      s.execute("SET application_name = 'old-report'");
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT count(*) FROM pg_class");
      PhaseFailedException e =
          assertThrows(
              PhaseFailedException.class,
              () -> run.rollout.apply(commit, Optional.empty(), Runs.DEV));
      assertTrue(
          e.reason()
              .contains(
                  "SQLSTATE 55P03); waited 1s (rollout.concurrent_index_wait) for older transactions to finish;"
                      + " in the way: pid "),
          e.reason());
      assertTrue(
          e.reason()
              .contains(
                  "(application 'old-report', user postgres, idle in transaction, transaction open "),
          e.reason());
      assertTrue(
          e.reason()
              .endsWith(
                  "end those transactions or raise rollout.concurrent_index_wait, then apply again;"
                      + " dropped the INVALID index public.items_name_idx it left"),
          e.reason());
      // No INVALID index stays behind to be maintained on every write until the next apply, and the
      // build ran once.
      assertEquals(
          List.of(),
          Runs.column(db, "SELECT c.relname FROM pg_class c WHERE c.relname = 'items_name_idx'"));
      assertEquals(
          1,
          run.log.stream()
              .filter(
                  l ->
                      l.contains(
                          "dropping INVALID index public.items_name_idx left by this attempt"))
              .count(),
          run.log.toString());
      assertTrue(
          run.log.stream().noneMatch(l -> l.contains("earlier attempt")), run.log.toString());
      snapshot.rollback();
    }
  }

  @Test
  void aReindexConcurrentlyThatGivesUpLeavesNoCcnewIndex() throws Exception {
    TestRepo repo =
        TestRepo.app(dir)
            .file(
                "migrations/app/0001_create/expand.sql",
                CREATE + "CREATE INDEX items_name_idx ON items (name);\n")
            .file(
                "migrations/app/0002_reindex/expand.sql",
                """
            -- schemagate:phase transactional=false
            REINDEX INDEX CONCURRENTLY items_name_idx;
            """);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, FAST_RETRIES.withConcurrentIndexWait(Duration.ofSeconds(1)));
    ApprovedCommit commit = Runs.approve(repo);
    appliedV1WithRows(db, run, commit);
    String oid = Runs.column(db, "SELECT 'items_name_idx'::regclass::oid::text").get(0);

    try (Connection snapshot = db.open();
        Statement s = snapshot.createStatement()) {
      snapshot.setAutoCommit(false);
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT count(*) FROM pg_class");
      PhaseFailedException e =
          assertThrows(
              PhaseFailedException.class,
              () -> run.rollout.apply(commit, Optional.empty(), Runs.DEV));
      assertTrue(
          e.reason().contains("dropped the INVALID index public.items_name_idx_ccnew it left"),
          e.reason());
      snapshot.rollback();
    }
    assertEquals(
        List.of("items_name_idx true"),
        Runs.column(
            db,
            "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname LIKE 'items_name_idx%'"));
    assertEquals(
        oid,
        Runs.column(db, "SELECT 'items_name_idx'::regclass::oid::text").get(0),
        "the old index stays in use");
    // Once the old transaction is gone, the next apply rebuilds it.
    run.rollout.apply(commit, Optional.empty(), Runs.DEV);
    assertNotEquals(
        oid,
        Runs.column(db, "SELECT 'items_name_idx'::regclass::oid::text").get(0),
        "the index was rebuilt");
  }

  private static void awaitLog(Runs run, String text) throws InterruptedException {
    Await.until(
        "a log line with " + text + " in " + run.log,
        Duration.ofSeconds(60),
        () -> run.log.stream().anyMatch(l -> l.contains(text)));
  }

  @Test
  void rollbackRunsRollbackSqlAndIsRefusedAfterTheContractOrBelowALaterExpand() throws Exception {
    TestRepo repo = TestRepo.shop(dir);
    JdbcDatabase db = TestPg.newDatabase();
    Runs run = new Runs(db, RolloutSettings.DEFAULTS);
    ApprovedCommit commit = Runs.approve(repo);
    run.rollout.apply(commit, Optional.of(Target.parse("orders@3")), Runs.OVERRIDE);
    run.rollout.apply(commit, Optional.of(Target.parse("orders@5.backfill")), Runs.OVERRIDE);
    assertEquals(5, run.rollout.history().trackState("orders").orElseThrow().expanded());

    RunnerException contractRan =
        assertThrows(
            RunnerException.class, () -> run.rollout.rollback(commit, "orders", 3, Runs.DEV));
    assertEquals(
        "rollback of orders@3 refused: its contract ran, and a contract cannot be undone",
        contractRan.getMessage());
    RunnerException later =
        assertThrows(
            RunnerException.class, () -> run.rollout.rollback(commit, "orders", 4, Runs.DEV));
    assertEquals(
        "rollback of orders@4 refused: orders@5 expand, orders@5 backfill are applied; roll back orders@5 first",
        later.getMessage());

    RunnerException noGate =
        assertThrows(
            RunnerException.class, () -> run.rollout.rollback(commit, "orders", 5, Runs.DEV));
    assertTrue(
        noGate
            .getMessage()
            .startsWith(
                "rollback of orders@5 refused: no contract gate is configured to check that"
                    + " no running code requires orders@5; "),
        noGate.getMessage());
    run.rollout.rollback(commit, "orders", 5, Runs.OVERRIDE);
    assertEquals(
        List.of(),
        Runs.column(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'display_name'"));
    assertEquals(4, run.rollout.history().trackState("orders").orElseThrow().expanded());
    assertEquals("rollback", run.rollout.history().trackState("orders").orElseThrow().lastPhase());
    run.rollout.rollback(commit, "orders", 4, Runs.OVERRIDE);
    assertEquals(3, run.rollout.history().trackState("orders").orElseThrow().expanded());
    assertEquals(
        List.of(),
        Runs.column(
            db,
            "SELECT indexname FROM pg_indexes WHERE indexname = 'orders_status_created_at_idx'"));
    RunnerException notApplied =
        assertThrows(
            RunnerException.class, () -> run.rollout.rollback(commit, "orders", 4, Runs.OVERRIDE));
    assertEquals(
        "rollback of orders@4 refused: its expand is not applied", notApplied.getMessage());
    RunnerException noExpand =
        assertThrows(
            RunnerException.class, () -> run.rollout.rollback(commit, "orders", 9, Runs.OVERRIDE));
    assertEquals(
        "rollback of orders@9 refused: it has no expand, so there is nothing to roll back before its contract;"
            + " its rollback.sql undoes an expand only",
        noExpand.getMessage());

    // the rolled-back versions apply again
    run.rollout.apply(commit, Optional.of(Target.parse("orders@5.backfill")), Runs.OVERRIDE);
    assertEquals(5, run.rollout.history().trackState("orders").orElseThrow().expanded());
    assertEquals(
        List.of("display_name"),
        Runs.column(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'display_name'"));
  }

  @Test
  void onlyCommitsOnTheProtectedBranchWithoutUnwaivedErrorsAreApproved() throws Exception {
    TestRepo repo = TestRepo.app(dir).file("migrations/app/0001_create/expand.sql", CREATE);
    repo.commit("v1");
    repo.checkout("feature", true);
    repo.file("migrations/app/0002_note/expand.sql", ADD_NOTE);
    String feature = repo.commit("v2 on a branch").name();

    RunnerException notMerged =
        assertThrows(RunnerException.class, () -> Runs.approve(repo, Optional.of("feature")));
    assertTrue(
        notMerged
            .getMessage()
            .startsWith(
                "commit "
                    + feature
                    + " (feature) is not approved: it is not on the protected branch \"main\""),
        notMerged.getMessage());

    repo.checkout("main", false);
    repo.file(
        "migrations/app/0002_index/expand.sql", "CREATE INDEX items_name_idx ON items (name);\n");
    repo.commit("a blocking index build, merged");
    RunnerException finding = assertThrows(RunnerException.class, () -> Runs.approve(repo));
    assertTrue(
        finding
            .getMessage()
            .contains(
                "unwaived error-level finding(s), first migrations/app/0002_index/expand.sql:1 "),
        finding.getMessage());

    repo.file(
        "migrations/app/0002_index/expand.sql",
        "-- schemagate:allow lock/create-index-blocking reason=\"items is tiny\"\n"
            + "CREATE INDEX items_name_idx ON items (name);\n");
    repo.commit("waived");
    ApprovedCommit ok = Runs.approve(repo);
    assertEquals("main", ok.protectedBranch());
  }

  @Test
  void aCommitThatNamesItsOwnBranchAsProtectedIsRefused() throws Exception {
    TestRepo repo = TestRepo.app(dir).file("migrations/app/0001_create/expand.sql", CREATE);
    repo.commit("v1");
    repo.checkout("feature", true);
    repo.file(
        "schemagate.yaml",
        java.nio.file.Files.readString(repo.root.resolve("schemagate.yaml"))
            .replace("protected_branch: main", "protected_branch: feature"));
    repo.file("migrations/app/0002_note/expand.sql", ADD_NOTE);
    String feature = repo.commit("v2 approves itself").name();
    repo.checkout("main", false);

    RunnerException refused =
        assertThrows(RunnerException.class, () -> Runs.approve(repo, Optional.of("feature")));
    assertEquals(
        "commit "
            + feature
            + " (feature) is not approved: its schemagate.yaml names protected branch \"feature\","
            + " but the protected branch is \"main\" (schemagate.yaml at the repository's HEAD); a commit cannot choose the"
            + " branch that approves it",
        refused.getMessage());

    // The operator may name the protected branch; then that branch's commits are the approved ones.
    try (CommitSource source = CommitSource.open(repo.root.toString())) {
      assertEquals(
          "feature",
          source
              .approve(Optional.of("feature"), Optional.of("feature"), Runs.ENGINES)
              .protectedBranch());
      RunnerException missing =
          assertThrows(
              RunnerException.class,
              () -> source.approve(Optional.empty(), Optional.of("release"), Runs.ENGINES));
      assertEquals(
          "the protected branch \"release\" (--protected-branch) does not exist in the Git repository",
          missing.getMessage());
    }
  }

  /**
   * Lock timeouts of 300 ms retried every 100–300 ms: an index build that waits times out quickly,
   * then succeeds.
   */
  private static final RolloutSettings FAST_RETRIES =
      RolloutSettings.DEFAULTS
          .withLockTimeout(Duration.ofMillis(300))
          .withRetries(20, Duration.ofMillis(100), Duration.ofMillis(300));

  /**
   * app@1 (the items table) applied and 1,000 rows in it, so that an index build has rows to read.
   */
  private static void appliedV1WithRows(JdbcDatabase db, Runs run, ApprovedCommit commit)
      throws Exception {
    run.rollout.apply(commit, Optional.of(Target.parse("app@1")), Runs.DEV);
    Runs.exec(db, "INSERT INTO items (name) SELECT 'n' || g FROM generate_series(1, 1000) g");
  }

  /**
   * Applies {@code commit} while another session holds a REPEATABLE READ snapshot, which a
   * concurrent index build waits for (and so runs into its lock_timeout), until the runner's log
   * shows {@code logged}; then lets the snapshot go and returns what the apply applied.
   */
  private static Rollout.ApplyResult applyWhileASnapshotIsHeld(
      JdbcDatabase db, Runs run, ApprovedCommit commit, String logged) throws Exception {
    java.util.concurrent.CompletableFuture<Rollout.ApplyResult> pending;
    try (Connection snapshot = db.open();
        Statement s = snapshot.createStatement()) {
      snapshot.setAutoCommit(false);
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT count(*) FROM pg_class");
      pending =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return run.rollout.apply(commit, Optional.empty(), Runs.DEV);
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      Await.until(
          "a log line with " + logged + " in " + run.log,
          Duration.ofSeconds(60),
          () -> run.log.stream().anyMatch(l -> l.contains(logged)));
      snapshot.rollback();
    }
    return pending.get(60, java.util.concurrent.TimeUnit.SECONDS);
  }
}
