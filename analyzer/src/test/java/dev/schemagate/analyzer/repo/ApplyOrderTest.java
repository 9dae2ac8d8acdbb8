package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partial order of phases a runner must respect, on a real track of three versions. */
class ApplyOrderTest {

  @TempDir Path dir;
  Track track;
  PhaseFile e1, b1, c1, e2, c2, b3, c3;

  @BeforeEach
  void repository() {
    TempFiles files = new TempFiles(dir);
    files.write(
        "schemagate.yaml",
        "tracks:\n  orders:\n    pg_version: 16\n  other:\n    pg_version: 16\n");
    files.write("migrations/orders/0001_a/expand.sql", "SELECT 1;");
    files.write("migrations/orders/0001_a/backfill.sql", "SELECT 1;");
    files.write("migrations/orders/0001_a/contract.sql", "SELECT 1;");
    files.write("migrations/orders/0002_b/expand.sql", "SELECT 2;");
    files.write("migrations/orders/0002_b/contract.sql", "SELECT 2;");
    files.write("migrations/orders/0003_c/backfill.sql", "SELECT 3;");
    files.write("migrations/orders/0003_c/contract.sql", "SELECT 3;");
    files.write("migrations/other/0001_a/expand.sql", "SELECT 1;");
    MigrationRepository repo = MigrationRepository.load(dir);
    track = repo.track("orders");
    e1 = phase(1, PhaseKind.EXPAND);
    b1 = phase(1, PhaseKind.BACKFILL);
    c1 = phase(1, PhaseKind.CONTRACT);
    e2 = phase(2, PhaseKind.EXPAND);
    c2 = phase(2, PhaseKind.CONTRACT);
    b3 = phase(3, PhaseKind.BACKFILL);
    c3 = phase(3, PhaseKind.CONTRACT);
  }

  private PhaseFile phase(int version, PhaseKind kind) {
    return track.version(version).orElseThrow().phase(kind).orElseThrow();
  }

  @Test
  void defaultOrderIsVersionThenPhase() {
    assertEquals(List.of(e1, b1, c1, e2, c2, b3, c3), track.applyOrder());
  }

  @Test
  void prerequisites() {
    assertEquals(List.of(), track.prerequisites(e1));
    assertEquals(List.of(e1), track.prerequisites(b1));
    assertEquals(List.of(e1, b1), track.prerequisites(c1));
    assertEquals(
        List.of(e1, b1), track.prerequisites(e2), "a forward phase never waits for a contract");
    assertEquals(List.of(e1, b1, c1, e2), track.prerequisites(c2));
    assertEquals(List.of(e1, b1, e2), track.prerequisites(b3));
    assertEquals(List.of(e1, b1, c1, e2, c2, b3), track.prerequisites(c3));
  }

  @Test
  void contractsMayBeDeferredPastLaterExpands() {
    assertEquals(Optional.empty(), track.orderViolation(List.of(e1, b1, e2, b3, c1, c2, c3)));
    assertEquals(Optional.empty(), track.orderViolation(List.of(e1, b1, e2, c1, b3)));
    assertEquals(Optional.empty(), track.orderViolation(track.applyOrder()));
  }

  @Test
  void violations() {
    assertEquals(
        Optional.of("orders@1 backfill needs orders@1 expand applied first"),
        track.orderViolation(List.of(b1)));
    assertEquals(
        Optional.of("orders@2 expand needs orders@1 backfill applied first"),
        track.orderViolation(List.of(e1, e2)));
    assertEquals(
        Optional.of("orders@2 contract needs orders@1 contract applied first"),
        track.orderViolation(List.of(e1, b1, e2, c2)));
    assertEquals(
        Optional.of("orders@2 contract needs orders@2 expand applied first"),
        track.orderViolation(List.of(e1, b1, c1, c2)));
    assertEquals(
        Optional.of("orders@1 expand appears twice"), track.orderViolation(List.of(e1, e1)));
  }

  @Test
  void missingPrerequisites() {
    assertEquals(List.of(c1), track.missingPrerequisites(c2, List.of(e1, b1, e2)));
    assertEquals(List.of(), track.missingPrerequisites(b3, List.of(e1, b1, e2)));
  }

  @Test
  void phaseFilesOfAnotherTrackAreRefused() {
    PhaseFile foreign =
        MigrationRepository.load(dir)
            .track("other")
            .version(1)
            .orElseThrow()
            .phase(PhaseKind.EXPAND)
            .orElseThrow();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> track.prerequisites(foreign));
    assertEquals("other@1 expand is not a phase file of track orders", e.getMessage());
  }
}
