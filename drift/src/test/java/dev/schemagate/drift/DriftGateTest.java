package dev.schemagate.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.RunnerException;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.trace.PgServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with the drift gate, on a real PostgreSQL 17: app@2 expand alters {@code orders}. */
class DriftGateTest {

  @TempDir static Path dir;
  static PgServer server;
  static DriftRepo repo;
  static MigrationRepository repository;

  @BeforeAll
  static void start() throws Exception {
    server = PgServer.start(17);
    repo = DriftRepo.create(dir.resolve("repo"));
    repository = repo.commit.repository();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Rollout withGate(TargetDb target, Optional<String> accept) {
    return target.rollout(
        List.of(new DriftGate(repository, accept, new DriftCheck(Optional.of(server)))));
  }

  private static final Rollout.Operator DEV = new Rollout.Operator("test@drift", Optional.empty());

  @Test
  void applyRefusesAPhaseThatTouchesADriftedTableAndRecordsNothing() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec("ALTER TABLE orders ALTER note TYPE varchar(200)");

    RunnerException e =
        assertThrows(
            RunnerException.class,
            () ->
                withGate(target, Optional.empty())
                    .apply(repo.commit, Optional.of(Target.parse("app@2")), DEV));

    assertEquals(
        "app@2 expand held back by gate drift: it touches public.orders, where column public.orders.note differs"
            + " from what the applied phases create: type expected text, found character varying(200); see schemagate drift"
            + " --db …, repair the drift, or pass --accept-drift \"<reason>\" (recorded in the history)",
        e.getMessage());
    List<HistoryRow> rows = target.rollout(List.of()).history().rows("app");
    assertEquals(List.of("app@1 expand"), rows.stream().map(HistoryRow::label).toList());
  }

  @Test
  void theOverrideAppliesItAndTheHistoryKeepsTheReason() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec("ALTER TABLE orders ALTER note TYPE varchar(200)");

    Rollout.ApplyResult result =
        withGate(target, Optional.of("varchar(200) agreed in INC-42"))
            .apply(repo.commit, Optional.of(Target.parse("app@2")), DEV);

    assertEquals(List.of("app@2 expand"), result.applied());
    HistoryRow row = target.rollout(List.of()).history().rows("app").get(1);
    assertEquals("app@2 expand", row.label());
    assertTrue(row.succeeded());
    assertEquals(
        "drift: it touches public.orders, where column public.orders.note differs from what the applied phases"
            + " create: type expected text, found character varying(200); accepted: varchar(200) agreed in INC-42",
        row.contractOverride());
  }

  @Test
  void driftOnATableThePhaseDoesNotTouchLetsItRun() throws Exception {
    TargetDb target = TargetDb.create(server).apply(repo, "app@1");
    target.exec("ALTER TABLE customers ADD COLUMN nickname text");

    Rollout.ApplyResult result =
        withGate(target, Optional.empty())
            .apply(repo.commit, Optional.of(Target.parse("app@2")), DEV);

    assertEquals(List.of("app@2 expand"), result.applied());
    assertEquals(null, target.rollout(List.of()).history().rows("app").get(1).contractOverride());
  }
}
