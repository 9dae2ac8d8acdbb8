package dev.schemagate.cli.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.cli.Main;
import dev.schemagate.trace.PgBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** schemagate plan, apply, status and rollback, in-process, against an embedded PostgreSQL 17. */
class RunnerCommandsTest {

  static EmbeddedPostgres pg;
  static int databases;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    pg =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver(new PgBinaries(17))
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  String database() throws Exception {
    String name = "cli_" + (++databases);
    try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name + "?user=postgres";
  }

  Path shop() throws Exception {
    Path root = dir.resolve("shop");
    Path from = Path.of("../examples/shop");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent dev = new PersonIdent("Dev", "dev@example.com");
      git.commit().setMessage("shop").setAuthor(dev).setCommitter(dev).call();
    }
    return root;
  }

  @Test
  void applyStatusPlanAndRollbackOnTheShop() throws Exception {
    String db = database();
    Path repo = shop();

    Run apply =
        cli(
            "apply",
            "--db",
            db,
            "--repo",
            repo.toString(),
            "--to",
            "orders@2",
            "--actor",
            "ci-bot");
    assertEquals(0, apply.code(), apply.err());
    assertTrue(apply.out().contains("orders@1 expand: succeeded"), apply.out());
    assertTrue(apply.out().contains("orders@2 expand: succeeded"), apply.out());
    assertTrue(apply.out().endsWith("applied 2 phase(s)\n"), apply.out());

    Run status = cli("status", "--db", db);
    assertEquals(0, status.code(), status.err());
    assertTrue(
        status
            .out()
            .contains("track orders: window [0, 2] (live 1..2); last orders@2 expand from "),
        status.out());
    assertTrue(status.out().contains("orders@1 expand"), status.out());
    assertTrue(status.out().contains("ci-bot"), status.out());

    Run plan = cli("plan", "--db", db, "--repo", repo.toString(), "--to", "orders@5.backfill");
    assertEquals(
        1, plan.code(), "the contract of orders@3 has no gate: " + plan.out() + plan.err());
    assertTrue(plan.out().contains("  1. orders@3 expand"), plan.out());
    // The effective settings: the shop's schemagate.yaml has no rollout: section, so the defaults.
    assertTrue(
        plan.out()
            .lines()
            .anyMatch(
                l ->
                    l.equals(
                        "settings lock_timeout 200ms, retry_attempts 60, retry_backoff 200ms,"
                            + " retry_max_backoff 5s, retry_budget 3min, wait_for_blockers 0 (off), concurrent_index_wait 10min, statement_timeout 1h,"
                            + " long_transaction_threshold 5min, long_transaction_wait 2min, runner_lock_wait 30s")),
        plan.out());
    // and those of each backfill: orders@3's directive gives batch=1000 only.
    assertTrue(
        plan.out()
            .contains(
                "       batch batch=1000 max_batch=100000 target=400ms lock_timeout=100ms max_lag=1000ms pause=0ms"
                    + " workers=1 adaptive=on until=start\n"),
        plan.out());
    assertTrue(
        plan.out().contains("lock  ACCESS EXCLUSIVE on public.orders (blocks reads and writes)"),
        plan.out());
    assertTrue(
        plan.out()
            .contains(
                "gate  contract: failed - contract of orders@3 refused: running pods cannot be checked: no cluster access"),
        plan.out());
    assertTrue(plan.out().contains("  4. orders@4 expand"), plan.out());
    assertTrue(plan.out().contains("lock  SHARE UPDATE EXCLUSIVE on public.orders"), plan.out());
    assertTrue(
        plan.out()
            .contains(
                "  1. orders@3 expand          migrations/orders/0003_require_order_created_at/expand.sql"
                    + " (one transaction)"),
        plan.out());
    assertTrue(
        plan.out()
            .contains(
                "  6. orders@5 backfill        migrations/orders/0005_rename_customer_full_name/backfill.sql"
                    + " (in batches, one transaction each)"),
        plan.out());

    Run refused = cli("apply", "--db", db, "--repo", repo.toString(), "--to", "orders@3");
    assertEquals(1, refused.code());
    assertTrue(refused.err().startsWith("schemagate apply: orders@3 contract"), refused.err());
    assertTrue(
        refused.err().contains("running pods cannot be checked: no cluster access"), refused.err());
    assertEquals(1, refused.err().lines().count(), refused.err());

    Run rollback =
        cli(
            "rollback",
            "--db",
            db,
            "--repo",
            repo.toString(),
            "orders@2",
            "--override-contract-gate",
            "test");
    assertEquals(1, rollback.code(), "orders@3 expand is applied now: " + rollback.out());
    assertEquals(
        "schemagate rollback: rollback of orders@2 refused: orders@3 expand, orders@3 backfill are applied;"
            + " roll back orders@3 first\n",
        rollback.err());
    Run noGate = cli("rollback", "--db", db, "--repo", repo.toString(), "orders@3");
    assertEquals(1, noGate.code());
    assertTrue(noGate.err().startsWith("schemagate rollback: "), noGate.err());
    assertTrue(
        noGate
            .err()
            .contains(
                "rollback of orders@3 refused: running pods cannot be checked: no cluster access"),
        noGate.err());
    Run rollback3 =
        cli(
            "rollback",
            "--db",
            db,
            "--repo",
            repo.toString(),
            "orders@3",
            "--override-contract-gate",
            "test");
    assertEquals(0, rollback3.code(), rollback3.err());
    Run status2 = cli("status", "--db", db);
    assertTrue(status2.out().contains("track orders: window [0, 2]"), status2.out());
    assertTrue(status2.out().contains("orders@3 rollback"), status2.out());
    // The last phase a gate held back, with the gate and what it said (schemagate.held_back).
    assertTrue(
        status2
            .out()
            .lines()
            .anyMatch(
                l ->
                    l.contains("orders@3 rollback")
                        && l.contains("held back")
                        && l.contains(
                            "gate rollback: rollback of orders@3 refused: running pods cannot be checked: no cluster access")),
        status2.out());

    Run overridden =
        cli(
            "apply",
            "--db",
            db,
            "--repo",
            repo.toString(),
            "--to",
            "orders@3",
            "--override-contract-gate",
            "staging, no cluster");
    assertEquals(0, overridden.code(), overridden.err());
    String recorded = cli("status", "--db", db).out();
    assertTrue(
        recorded.contains(
            "override: contract: overridden by the operator: \"staging, no cluster\" (running pods not checked: no cluster access"),
        recorded);
  }

  @Test
  void everyRunnerCommandTakesALibpqUriOrThePgVariablesAndPrintsNoLibraryNoise() throws Exception {
    String jdbc = database();
    String name = jdbc.substring(jdbc.lastIndexOf('/') + 1, jdbc.indexOf('?'));
    Path repo = shop();
    String uri = "postgresql://postgres@localhost:" + pg.getPort() + "/" + name;

    // A child JVM, as a user runs it: stderr holds only the CLI's own lines (no SLF4J warnings).
    ChildCli apply =
        ChildCli.run(
            java.util.Map.of(),
            "apply",
            "--db",
            uri,
            "--repo",
            repo.toString(),
            "--to",
            "orders@2");
    assertEquals(0, apply.code(), apply.toString());
    assertEquals("", apply.err(), apply.toString());
    ChildCli plan =
        ChildCli.run(
            java.util.Map.of(),
            "plan",
            "--db",
            uri,
            "--repo",
            repo.toString(),
            "--to",
            "orders@3.expand");
    assertEquals(0, plan.code(), plan.toString());
    assertEquals("", plan.err(), plan.toString());
    assertTrue(
        plan.out()
            .startsWith(
                "plan for postgresql://localhost:"
                    + pg.getPort()
                    + "/"
                    + name
                    + " as postgres at commit "),
        plan.toString());

    ChildCli status =
        ChildCli.run(
            java.util.Map.of(
                "PGHOST",
                "localhost",
                "PGPORT",
                String.valueOf(pg.getPort()),
                "PGDATABASE",
                name,
                "PGUSER",
                "postgres"),
            "status");
    assertEquals(0, status.code(), status.toString());
    assertTrue(status.out().contains("track orders: window [0, 2]"), status.toString());
  }

  @Test
  void aConnectionFailureNamesTheServerAndDatabaseAndWhatToCheck() throws Exception {
    Run refused = cli("status", "--db", "postgresql://app@127.0.0.1:1/nowhere");
    assertEquals(2, refused.code(), refused.toString());
    assertTrue(
        refused
            .err()
            .startsWith(
                "schemagate status: cannot connect to postgresql://127.0.0.1:1/nowhere as app:"
                    + " Connection to 127.0.0.1:1 refused"),
        refused.err());
    assertTrue(
        refused
            .err()
            .endsWith(
                "; check the host and port of --db and that the server accepts TCP connections"
                    + " from here (SQLSTATE 08001)\n"),
        refused.err());
    assertEquals(1, refused.err().lines().count(), refused.err());

    Run missing =
        cli("status", "--db", "postgresql://postgres@localhost:" + pg.getPort() + "/no_such_db");
    assertEquals(2, missing.code(), missing.toString());
    assertEquals(
        "schemagate status: cannot connect to postgresql://localhost:"
            + pg.getPort()
            + "/no_such_db as postgres:"
            + " FATAL: database \"no_such_db\" does not exist; check the database name in --db (SQLSTATE 3D000)\n",
        missing.err());

    Run bad = cli("plan", "--db", "mysql://db1/orders", "--repo", ".");
    assertEquals(2, bad.code(), bad.toString());
    assertTrue(
        bad.err()
            .startsWith("schemagate plan: --db mysql://db1/orders: expected jdbc:postgresql://"),
        bad.err());
  }

  @Test
  void statusShowsAPhaseInProgressWithItsBackfillProgress() throws Exception {
    String url = database();
    Path repo = shop();
    Run applied =
        cli(
            "apply",
            "--db",
            url,
            "--repo",
            repo.toString(),
            "--to",
            "orders@5.expand",
            "--override-contract-gate",
            "test");
    assertEquals(0, applied.code(), applied.err());
    dev.schemagate.runner.db.JdbcDatabase db =
        new dev.schemagate.runner.db.JdbcDatabase(url, null, null);
    dev.schemagate.runner.history.HistoryStore store =
        new dev.schemagate.runner.history.HistoryStore(db);
    long id =
        store.insertRunning(
            new dev.schemagate.runner.history.NewAttempt(
                "orders",
                5,
                "backfill",
                "migrations/orders/0005_rename_customer_full_name/backfill.sql",
                "sha256:00",
                "c0ffee",
                "other@host",
                null,
                null,
                null,
                null));
    var checkpoint = new dev.schemagate.runner.history.HistoryCheckpoint(db, id, null, 0);
    checkpoint.estimate(1000);
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      checkpoint.advance(c, "300", 300);
      c.commit();
    }

    Run status;
    try (var runner =
        dev.schemagate.runner.lock.RunnerLock.acquire(db, java.time.Duration.ofSeconds(5))) {
      status = cli("status", "--db", url);
    }
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("track orders: window [3, 4] (live 3..4)"), status.out());
    assertTrue(
        status
            .out()
            .matches("(?s).*\n  orders@5 backfill +running +[0-9T:Z-]+ +c0ffee  other@host\n.*"),
        status.out());
    assertTrue(
        status
            .out()
            .matches(
                "(?s).*\n    in progress for [0-9]+ s \\(runner pid [0-9]+, application_name"
                    + " 'schemagate-runner', .*\\), backfill 300 rows of ~1000 \\(30%\\), reached key 300\n.*"),
        status.out());

    // The runner is gone (its session, and with it the runner lock): the row is shown as abandoned.
    Run abandoned = cli("status", "--db", url);
    assertEquals(0, abandoned.code(), abandoned.err());
    assertTrue(
        abandoned
            .out()
            .matches("(?s).*\n  orders@5 backfill +abandoned +[0-9T:Z-]+ +c0ffee  other@host\n.*"),
        abandoned.out());
    assertTrue(
        abandoned
            .out()
            .matches(
                "(?s).*\n    abandoned: started [0-9]+ s ago, but no runner holds the runner lock"
                    + " \\(the runner was killed or lost its connection\\), backfill 300 rows of ~1000 \\(30%\\), reached key 300;"
                    + " the next apply records it as failed \\(interrupted\\) and resumes it\n.*"),
        abandoned.out());
  }

  @Test
  void errorsAreOneLineWithoutStackTraceOrPassword() throws Exception {
    Path repo = shop();
    Run unreachable =
        cli(
            "apply",
            "--db",
            "jdbc:postgresql://localhost:1/nothing?user=x",
            "--repo",
            repo.toString());
    assertEquals(2, unreachable.code());
    assertTrue(
        unreachable
            .err()
            .startsWith(
                "schemagate apply: cannot connect to postgresql://localhost:1/nothing as x: "),
        unreachable.err());
    assertEquals(1, unreachable.err().lines().count(), unreachable.err());

    Run password = cli("status", "--db", "jdbc:postgresql://localhost:1/x?user=u&password=secret");
    assertEquals(2, password.code());
    assertFalse(password.err().contains("secret"), password.err());
    assertTrue(password.err().contains("must not carry a password"), password.err());

    Run notGit = cli("plan", "--db", database(), "--repo", dir.resolve("nowhere").toString());
    assertEquals(2, notGit.code());
    assertTrue(notGit.err().contains("no such directory"), notGit.err());

    Run badWait =
        cli("apply", "--db", database(), "--repo", repo.toString(), "--wait-for-blockers", "soon");
    assertEquals(2, badWait.code());
    assertEquals(
        "schemagate apply: --wait-for-blockers soon: not a duration; write e.g. 30s, 5min, 1h\n",
        badWait.err());

    Run badTarget = cli("apply", "--db", database(), "--repo", repo.toString(), "--to", "orders5");
    assertEquals(2, badTarget.code());
    assertTrue(
        badTarget.err().contains("\"orders5\" is not <track>@<version>[.<phase>]"),
        badTarget.err());
  }

  /**
   * A private repository over HTTPS, as the chart's runner Job reaches it: the token comes from a
   * mounted file, never from the URL, and a clone without it is refused with the URL named.
   */
  @Test
  void aPrivateRepositoryIsClonedWithTheTokenFromAFile() throws Exception {
    Path shop = shop();
    Path served = dir.resolve("served");
    Git.cloneRepository()
        .setURI(shop.toUri().toString())
        .setDirectory(served.resolve("shop.git").toFile())
        .setBare(true)
        .call()
        .close();
    Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
    Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-token\n");
    String db = database();
    try (GitHttpServer git = new GitHttpServer(served, "x-access-token", "s3cret-token")) {
      String url = git.url("shop");

      Run plan =
          cli(
              "plan",
              "--db",
              db,
              "--repo",
              url,
              "--git-password-file",
              token.toString(),
              "--to",
              "orders@1");
      assertEquals(0, plan.code(), plan.toString());
      assertTrue(plan.out().contains("orders@1 expand"), plan.out());
      assertFalse(plan.out().contains("s3cret-token") || plan.err().contains("s3cret-token"));

      Run none = cli("plan", "--db", db, "--repo", url);
      assertEquals(1, none.code(), none.toString());
      assertTrue(none.err().contains("Authentication is required"), none.err());
      assertTrue(none.err().contains("cannot clone " + url + ": "), none.err());

      Run refused = cli("plan", "--db", db, "--repo", url, "--git-password-file", wrong.toString());
      assertEquals(1, refused.code(), refused.toString());
      assertTrue(refused.err().contains("cannot clone " + url + ": "), refused.err());
      assertFalse(refused.err().contains("not-the-token"), refused.err());
    }

    Run local =
        cli("plan", "--db", db, "--repo", shop.toString(), "--git-password-file", token.toString());
    assertEquals(2, local.code(), local.toString());
    assertEquals(
        "schemagate plan: --git-password-file is for a Git URL, and --repo "
            + shop
            + " is a local folder",
        local.err().strip());
  }
}
