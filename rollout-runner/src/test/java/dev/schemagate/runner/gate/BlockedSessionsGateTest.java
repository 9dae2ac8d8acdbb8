package dev.schemagate.runner.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.db.Database;
import dev.schemagate.testing.Await;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real lock queue on PostgreSQL 17: one connection holds a lock, another waits for it. */
class BlockedSessionsGateTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static Database db;
  private static ExecutorService pool;

  @BeforeAll
  static void table() throws SQLException {
    db = EmbeddedPg.database();
    pool = Executors.newCachedThreadPool();
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS gate_orders");
      s.execute("CREATE TABLE gate_orders (id bigint PRIMARY KEY, total numeric)");
      s.execute("INSERT INTO gate_orders SELECT g, g FROM generate_series(1, 100) g");
    }
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static GateContext context() {
    return new GateContext(db, "orders", 3, PhaseKind.EXPAND, Set.of("public.gate_orders"));
  }

  private static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Waits until {@code pid} waits for a lock that is not granted, as pg_locks shows it. */
  private static void awaitWaiting(int pid) throws Exception {
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      Await.until(
          "pid " + pid + " to wait on a lock",
          Duration.ofSeconds(20),
          () -> {
            try (ResultSet rs =
                s.executeQuery(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = " + pid)) {
              rs.next();
              return rs.getInt(1) > 0;
            }
          });
    }
  }

  @Test
  void aSessionQueuedBehindAnAccessExclusiveLockFailsTheGateNamingBothPids() throws Exception {
    try (Connection holder = db.open();
        Connection waiter = db.open()) {
      int holderPid = pid(holder);
      int waiterPid = pid(waiter);
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE gate_orders IN ACCESS EXCLUSIVE MODE");
      }
      Future<Integer> read =
          pool.submit(
              () -> {
                try (Statement s = waiter.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM gate_orders")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      awaitWaiting(waiterPid);
      Thread.sleep(400);

      GateResult failed =
          new BlockedSessionsGate(0, Duration.ofMillis(200), TIMEOUT).check(context());
      assertEquals(GateResult.Status.FAILED, failed.status(), failed.reason());
      assertEquals(BlockedSessionsGate.NAME, failed.gate());
      assertTrue(
          failed
              .reason()
              .startsWith(
                  "1 session(s) waiting on locks longer than 200ms (max 0): pid " + waiterPid),
          failed.reason());
      assertTrue(
          failed.reason().contains("for AccessShareLock on relation gate_orders"), failed.reason());
      assertTrue(failed.reason().contains("blocked by pid " + holderPid), failed.reason());
      assertTrue(failed.reason().matches(".* waited \\d+(\\.\\d)?(ms|s) .*"), failed.reason());

      GateResult tolerated =
          new BlockedSessionsGate(1, Duration.ofMillis(200), TIMEOUT).check(context());
      assertEquals(GateResult.Status.PASSED, tolerated.status(), tolerated.reason());
      assertTrue(tolerated.reason().contains("pid " + waiterPid), tolerated.reason());

      GateResult shortWait =
          new BlockedSessionsGate(0, Duration.ofMinutes(1), TIMEOUT).check(context());
      assertEquals(GateResult.Status.PASSED, shortWait.status(), shortWait.reason());
      assertEquals(
          "no session waiting on locks longer than 1m00s (1 shorter wait(s) ignored)",
          shortWait.reason());

      holder.rollback();
      assertEquals(100, read.get(20, TimeUnit.SECONDS));
    }
    GateResult after = new BlockedSessionsGate(0, Duration.ZERO, TIMEOUT).check(context());
    assertEquals(GateResult.Status.PASSED, after.status(), after.reason());
    assertEquals("no session waiting on locks longer than 0ms", after.reason());
  }

  @Test
  void twoQueuedSessionsExceedMaxOne() throws Exception {
    try (Connection holder = db.open();
        Connection w1 = db.open();
        Connection w2 = db.open()) {
      int pid1 = pid(w1);
      int pid2 = pid(w2);
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("UPDATE gate_orders SET total = total + 1 WHERE id = 7");
      }
      CompletableFuture<?>[] waits = new CompletableFuture<?>[2];
      Connection[] waiters = {w1, w2};
      for (int i = 0; i < 2; i++) {
        Connection w = waiters[i];
        waits[i] =
            CompletableFuture.runAsync(
                () -> {
                  try (Statement s = w.createStatement()) {
                    s.execute("UPDATE gate_orders SET total = total + 1 WHERE id = 7");
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool);
      }
      awaitWaiting(pid1);
      awaitWaiting(pid2);
      Thread.sleep(300);
      GateResult r = new BlockedSessionsGate(1, Duration.ofMillis(100), TIMEOUT).check(context());
      assertEquals(GateResult.Status.FAILED, r.status(), r.reason());
      assertTrue(
          r.reason().startsWith("2 session(s) waiting on locks longer than 100ms (max 1): "),
          r.reason());
      holder.rollback();
      CompletableFuture.allOf(waits).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void waitsOnAdvisoryLocksAreNotCounted() throws Exception {
    try (Connection holder = db.open();
        Connection waiter = db.open()) {
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT pg_advisory_lock(4242)");
      }
      int waiterPid = pid(waiter);
      Future<?> wait =
          pool.submit(
              () -> {
                try (Statement s = waiter.createStatement()) {
                  s.execute("SELECT pg_advisory_lock(4242)");
                  s.execute("SELECT pg_advisory_unlock(4242)");
                }
                return null;
              });
      awaitWaiting(waiterPid);
      Thread.sleep(200);
      GateResult r = new BlockedSessionsGate(0, Duration.ZERO, TIMEOUT).check(context());
      assertEquals(GateResult.Status.PASSED, r.status(), r.reason());
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT pg_advisory_unlock(4242)");
      }
      wait.get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnreachableDatabaseFailsTheGateWithTheError() {
    Database gone =
        new Database() {
          @Override
          public Connection open() throws SQLException {
            return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:1/app?connectTimeout=2", "app", "");
          }

          @Override
          public String describe() {
            return "postgresql://localhost:1/app";
          }
        };
    GateResult r =
        new BlockedSessionsGate(0, Duration.ZERO, TIMEOUT)
            .check(new GateContext(gone, "orders", 1, PhaseKind.EXPAND, Set.of()));
    assertEquals(GateResult.Status.FAILED, r.status());
    assertTrue(
        r.reason()
            .startsWith(
                "cannot read pg_locks on postgresql://localhost:1/app: SQLSTATE 08001: Connection to localhost:1 refused"),
        r.reason());
  }
}
