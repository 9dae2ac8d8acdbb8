package dev.schemagate.analyzer.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.contract.window.CompatibilityWindow;
import dev.schemagate.contract.window.Requirement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window computed from applied phases of the real example track orders (versions 1..9). */
class WindowFromAppliedPhasesTest {

  private static final Track ORDERS =
      MigrationRepository.load(Path.of("..", "examples", "shop")).track("orders");

  private static List<PhaseFile> firstN(int n) {
    return ORDERS.applyOrder().subList(0, n);
  }

  private static PhaseFile file(int version, String phase) {
    return ORDERS.applyOrder().stream()
        .filter(f -> f.version() == version && f.phase().id().equals(phase))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void nothingApplied() {
    assertEquals(
        new CompatibilityWindow("orders", 0, 0), WindowFromAppliedPhases.of(ORDERS, List.of()));
  }

  @Test
  void aVersionIsLiveOnlyOnceItsBackfillIsDone() {
    // orders@1 expand, @2 expand, @3 expand: @3's backfill is still missing.
    List<PhaseFile> applied = List.of(file(1, "expand"), file(2, "expand"), file(3, "expand"));
    assertEquals(
        new CompatibilityWindow("orders", 0, 2), WindowFromAppliedPhases.of(ORDERS, applied));
    List<PhaseFile> withBackfill =
        List.of(file(1, "expand"), file(2, "expand"), file(3, "expand"), file(3, "backfill"));
    assertEquals(
        new CompatibilityWindow("orders", 0, 3), WindowFromAppliedPhases.of(ORDERS, withBackfill));
  }

  @Test
  void deferredContracts() {
    List<PhaseFile> applied =
        List.of(
            file(1, "expand"),
            file(2, "expand"),
            file(3, "expand"),
            file(3, "backfill"),
            file(4, "expand"),
            file(5, "expand"),
            file(5, "backfill"),
            file(3, "contract"));
    CompatibilityWindow w = WindowFromAppliedPhases.of(ORDERS, applied);
    assertEquals(new CompatibilityWindow("orders", 3, 5), w);
    assertEquals(
        "orders@2 is no longer supported: orders@3's contract removed what it needs (live window 3..5)",
        w.check(new Requirement("orders", 2)).message());
  }

  @Test
  void contractOnlyLastVersionIsLiveOnceEverythingBeforeIsExpanded() {
    List<PhaseFile> forwardOnly =
        ORDERS.applyOrder().stream().filter(f -> !f.phase().id().equals("contract")).toList();
    assertEquals(
        new CompatibilityWindow("orders", 0, 9), WindowFromAppliedPhases.of(ORDERS, forwardOnly));
    assertEquals(
        new CompatibilityWindow("orders", 9, 9),
        WindowFromAppliedPhases.of(ORDERS, ORDERS.applyOrder()));
    assertEquals(
        new CompatibilityWindow("orders", 3, 4), WindowFromAppliedPhases.of(ORDERS, firstN(7)));
  }

  @Test
  void aContractWithoutItsExpandIsABrokenHistory() {
    assertThrows(
        IllegalArgumentException.class,
        () -> WindowFromAppliedPhases.of(ORDERS, List.of(file(1, "expand"), file(3, "contract"))));
  }
}
