package dev.schemagate.runner.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.repo.PhaseKind;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The replication-lag gate on a PostgreSQL 17 primary without standbys. */
class ReplicationLagGateTest {

  @Test
  void withoutStandbysItPassesAndSaysSo() {
    GateResult r =
        new ReplicationLagGate(Duration.ofSeconds(10), OptionalLong.of(0), Duration.ofSeconds(5))
            .check(
                new GateContext(EmbeddedPg.database(), "orders", 1, PhaseKind.BACKFILL, Set.of()));
    assertEquals(
        new GateResult(
            "replication-lag",
            GateResult.Status.PASSED,
            "no standby is connected (pg_stat_replication is empty): no replication lag to wait for"),
        r);
  }
}
