package dev.schemagate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.apply.PhaseFailedException;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.testing.Await;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner killed, the database restarted, the connection dropped: a rerun completes, nothing
 * twice.
 */
class FaultTest {

  @TempDir Path dir;

  static final String CREATE =
      """
      CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
      """;
  static final String INDEX =
      """
      -- schemagate:phase transactional=false
      CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name_idx ON items (name);
      """;
  static final String ADD_NOTE =
      """
      ALTER TABLE items ADD COLUMN note text;
      """;

  @Test
  void killMinus9DuringCreateIndexConcurrentlyThenARerunCompletesWithoutInvalidIndex()
      throws Exception {
    TestRepo repo =
        TestRepo.app(dir.resolve("repo"))
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_index/expand.sql", INDEX);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    new Runs(db, RolloutSettings.DEFAULTS)
        .rollout.apply(commit, Optional.of(Target.parse("app@1")), Runs.DEV);
    Runs.exec(db, "INSERT INTO items (name) SELECT 'n' || g FROM generate_series(1, 20000) g");

    Process child;
    try (Connection blocker = db.open();
        Statement s = blocker.createStatement()) {
      // An older snapshot: CREATE INDEX CONCURRENTLY builds the index, then waits for it before
      // marking the index valid. The runner is killed while it waits.
      blocker.setAutoCommit(false);
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("SELECT count(*) FROM pg_class");
      String url =
          TestPg.url(TestPg.server().getPort(), db.describe().replaceAll(".*/([^ ]+) as .*", "$1"));
      child =
          new ProcessBuilder(
                  javaBin(),
                  "-cp",
                  classPath(),
                  ChildRunner.class.getName(),
                  url,
                  repo.root.toString(),
                  "60000")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child.log").toFile())
              .start();
      awaitTrue(
          db,
          "SELECT count(*) = 1 FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'"
              + " AND wait_event_type = 'Lock'",
          Duration.ofSeconds(90),
          () -> log());
      assertEquals(
          List.of("false"),
          Runs.column(
              db,
              "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'items_name_idx'::regclass"),
          "built, not yet valid");
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      // client_connection_check_interval: the orphaned backend notices its client is gone and
      // stops,
      // even while it waits on a lock, instead of finishing a phase nobody records.
      awaitTrue(
          db,
          "SELECT count(*) = 0 FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'",
          Duration.ofSeconds(15),
          () -> log());
      blocker.rollback();
    }
    assertEquals(
        List.of("running"),
        Runs.column(db, "SELECT outcome FROM schemagate.history WHERE version = 2"),
        "the killed runner left its row running");

    Runs rerun = new Runs(db, RolloutSettings.DEFAULTS);
    Rollout.ApplyResult result = rerun.rollout.apply(commit, Optional.empty(), Runs.DEV);

    assertEquals(List.of("app@2 expand"), result.applied());
    assertEquals(1, result.interrupted().size());
    assertTrue(
        rerun.log.stream()
            .anyMatch(
                l -> l.startsWith("app@2 expand: dropping INVALID index public.items_name_idx")),
        rerun.log.toString());
    assertEquals(
        List.of("items_name_idx true", "items_pkey true"),
        Runs.column(
            db,
            "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = 'items'::regclass ORDER BY 1"));
    List<HistoryRow> rows = rerun.rollout.history().rows("app");
    assertEquals(
        List.of(
            "1 expand succeeded null", "2 expand failed interrupted", "2 expand succeeded null"),
        rows.stream()
            .map(r -> r.version() + " " + r.phase() + " " + r.outcome() + " " + r.reason())
            .toList());
  }

  @Test
  void theDatabaseRestartedMidPhaseFailsCleanlyAndARerunCompletes() throws Exception {
    Path data = dir.resolve("pgdata");
    EmbeddedPostgres own =
        TestPg.start(
            EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false));
    int port = own.getPort();
    try {
      TestRepo repo =
          TestRepo.app(dir.resolve("repo"))
              .file("migrations/app/0001_create/expand.sql", CREATE)
              .file("migrations/app/0002_note/expand.sql", ADD_NOTE);
      repo.commit("v1, v2");
      JdbcDatabase db = TestPg.newDatabase(port);
      ApprovedCommit commit = Runs.approve(repo);
      RolloutSettings slow = RolloutSettings.DEFAULTS.withLockTimeout(Duration.ofSeconds(60));
      Runs run = new Runs(db, slow);
      run.rollout.apply(commit, Optional.of(Target.parse("app@1")), Runs.DEV);

      Connection blocker = db.open();
      Statement s = blocker.createStatement();
      blocker.setAutoCommit(false);
      s.execute("SELECT count(*) FROM items");
      CompletableFuture<Rollout.ApplyResult> pending =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return run.rollout.apply(commit, Optional.empty(), Runs.DEV);
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      awaitTrue(
          db,
          "SELECT count(*) = 1 FROM pg_stat_activity WHERE query LIKE 'ALTER TABLE items%' AND wait_event_type = 'Lock'",
          Duration.ofSeconds(30),
          () -> run.log.toString());
      own.close(); // pg_ctl stop -m fast: every session is terminated
      blocker.close();

      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> pending.get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof PhaseFailedException, e.getCause().toString());
      String message = e.getCause().getMessage();
      assertTrue(
          message.startsWith(
              "app@2 expand failed: lost the connection to " + db.describe() + ": statement 1 ("),
          message);
      assertTrue(
          run.log.stream()
              .anyMatch(l -> l.startsWith("could not record the failure in the history")),
          run.log.toString());

      own =
          TestPg.start(
              EmbeddedPostgres.builder()
                  .setDataDirectory(data)
                  .setCleanDataDirectory(false)
                  .setPort(port));
      Runs rerun = new Runs(db, slow);
      Rollout.ApplyResult result = rerun.rollout.apply(commit, Optional.empty(), Runs.DEV);
      assertEquals(List.of("app@2 expand"), result.applied());
      assertEquals(
          List.of("1 succeeded null", "2 failed interrupted", "2 succeeded null"),
          rerun.rollout.history().rows("app").stream()
              .map(r -> r.version() + " " + r.outcome() + " " + r.reason())
              .toList());
      assertEquals(
          List.of("note"),
          Runs.column(
              db,
              "SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
    } finally {
      own.close();
    }
  }

  @Test
  void aDroppedConnectionGivesAClearMessageAndTheRerunCompletes() throws Exception {
    TestRepo repo =
        TestRepo.app(dir.resolve("repo"))
            .file("migrations/app/0001_create/expand.sql", CREATE)
            .file("migrations/app/0002_note/expand.sql", ADD_NOTE);
    repo.commit("v1, v2");
    JdbcDatabase db = TestPg.newDatabase();
    ApprovedCommit commit = Runs.approve(repo);
    RolloutSettings slow = RolloutSettings.DEFAULTS.withLockTimeout(Duration.ofSeconds(60));
    Runs run = new Runs(db, slow);
    run.rollout.apply(commit, Optional.of(Target.parse("app@1")), Runs.DEV);

    PhaseFailedException failed;
    try (Connection blocker = db.open();
        Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("SELECT count(*) FROM items");
      CompletableFuture<Void> pending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  run.rollout.apply(commit, Optional.empty(), Runs.DEV);
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      awaitTrue(
          db,
          "SELECT count(*) = 1 FROM pg_stat_activity WHERE query LIKE 'ALTER TABLE items%' AND wait_event_type = 'Lock'",
          Duration.ofSeconds(30),
          () -> run.log.toString());
      Runs.exec(
          db,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'ALTER TABLE items%'");
      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> pending.get(30, TimeUnit.SECONDS));
      failed = (PhaseFailedException) e.getCause();
      blocker.rollback();
    }
    assertTrue(
        failed
            .getMessage()
            .startsWith(
                "app@2 expand failed: lost the connection to "
                    + db.describe()
                    + ": statement 1 (migrations/app/0002_note/expand.sql:1: ALTER TABLE items ADD COLUMN note text): "),
        failed.getMessage());
    assertTrue(
        failed
            .getMessage()
            .contains("terminating connection due to administrator command (SQLSTATE 57P01)"),
        failed.getMessage());
    assertEquals("failed", run.rollout.history().rows("app").get(1).outcome());

    run.rollout.apply(commit, Optional.empty(), Runs.DEV);
    assertEquals(
        List.of("succeeded", "failed", "succeeded"),
        run.rollout.history().rows("app").stream().map(HistoryRow::outcome).toList());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (java.io.IOException e) {
      return "(no child log)";
    }
  }

  static void awaitTrue(
      JdbcDatabase db, String sql, Duration timeout, java.util.function.Supplier<String> context)
      throws Exception {
    try {
      Await.until(sql, timeout, () -> Runs.column(db, sql).equals(List.of("t")));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  static String sep() {
    return File.pathSeparator;
  }
}
