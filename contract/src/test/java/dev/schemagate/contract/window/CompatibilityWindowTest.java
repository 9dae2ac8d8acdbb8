package dev.schemagate.contract.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompatibilityWindowTest {

  private static final CompatibilityWindow ORDERS = new CompatibilityWindow("orders", 4, 7);

  private static WindowDecision check(CompatibilityWindow w, int version) {
    return w.check(new Requirement(w.track(), version));
  }

  @Test
  void insideTheWindow() {
    for (int v = 4; v <= 7; v++) {
      WindowDecision d = check(ORDERS, v);
      assertTrue(d.allowed(), d.message());
      assertEquals("orders@" + v + " is live (window 4..7)", d.message());
    }
  }

  @Test
  void aheadOfTheWindow() {
    assertEquals(
        new WindowDecision(
            false, "orders@9 is not live: live window is 4..7; apply orders@8–9 first"),
        check(ORDERS, 9));
    assertEquals(
        new WindowDecision(
            false, "orders@8 is not live: live window is 4..7; apply orders@8 first"),
        check(ORDERS, 8));
  }

  @Test
  void behindTheWindow() {
    assertEquals(
        new WindowDecision(
            false,
            "orders@2 is no longer supported: orders@4's contract removed what it needs (live window 4..7)"),
        check(ORDERS, 2));
    assertFalse(check(ORDERS, 3).allowed());
  }

  @Test
  void nothingContractedStartsAtTheFirstVersion() {
    CompatibilityWindow w = new CompatibilityWindow("orders", 0, 3);
    assertEquals("1..3", w.describe());
    assertEquals(1, w.lowest());
    assertTrue(check(w, 1).allowed());
    assertTrue(check(w, 3).allowed());
    assertEquals(
        "orders@4 is not live: live window is 1..3; apply orders@4 first", check(w, 4).message());
  }

  @Test
  void nothingExpanded() {
    CompatibilityWindow w = new CompatibilityWindow("orders", 0, 0);
    assertTrue(w.isEmpty());
    assertEquals("empty", w.describe());
    assertEquals(0, w.lowest());
    assertFalse(w.contains(1));
    assertEquals(
        "orders@1 is not live: nothing is applied in track orders yet; apply orders@1 first",
        check(w, 1).message());
    assertEquals(
        "orders@3 is not live: nothing is applied in track orders yet; apply orders@1–3 first",
        check(w, 3).message());
  }

  @Test
  void everythingContracted() {
    CompatibilityWindow w = new CompatibilityWindow("orders", 7, 7);
    assertEquals("7..7", w.describe());
    assertTrue(check(w, 7).allowed());
    assertEquals(
        "orders@6 is no longer supported: orders@7's contract removed what it needs (live window 7..7)",
        check(w, 6).message());
  }

  @Test
  void invalidWindows() {
    assertThrows(IllegalArgumentException.class, () -> new CompatibilityWindow("orders", 5, 4));
    assertThrows(IllegalArgumentException.class, () -> new CompatibilityWindow("orders", -1, 4));
    assertThrows(IllegalArgumentException.class, () -> ORDERS.check(new Requirement("users", 1)));
  }

  @Test
  void checkAllAcrossTracks() {
    Map<String, CompatibilityWindow> windows =
        Map.of("orders", ORDERS, "billing", new CompatibilityWindow("billing", 0, 3));
    WindowDecision ok =
        CompatibilityWindow.checkAll(Requirement.parseAll("orders@6, billing@3"), windows);
    assertTrue(ok.allowed(), ok.message());
    assertEquals("orders@6 is live (window 4..7); billing@3 is live (window 1..3)", ok.message());

    WindowDecision denied =
        CompatibilityWindow.checkAll(Requirement.parseAll("orders@2, billing@3, users@1"), windows);
    assertFalse(denied.allowed());
    assertEquals(
        "orders@2 is no longer supported: orders@4's contract removed what it needs (live window 4..7); "
            + "users@1: unknown track \"users\"",
        denied.message());

    assertTrue(CompatibilityWindow.checkAll(List.of(), windows).allowed());
  }
}
