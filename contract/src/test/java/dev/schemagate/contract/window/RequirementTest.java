package dev.schemagate.contract.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementTest {

  private static String error(String value) {
    return assertThrows(IllegalArgumentException.class, () -> Requirement.parseAll(value))
        .getMessage();
  }

  @Test
  void parsesAnnotationValues() {
    assertEquals(
        List.of(new Requirement("orders", 7), new Requirement("users", 3)),
        Requirement.parseAll("orders@7, users@3"));
    assertEquals(List.of(new Requirement("orders", 7)), Requirement.parseAll("orders@7"));
    assertEquals(
        List.of(new Requirement("a-b_c2", 12), new Requirement("x", 1)),
        Requirement.parseAll("  a-b_c2 @ 012 ,x@1  "));
    assertEquals("orders@7", new Requirement("orders", 7).toString());
  }

  @Test
  void badVersionsAreQuoted() {
    assertEquals("\"orders@x\": version must be a positive integer", error("orders@x"));
    assertEquals("\"orders@0\": version must be a positive integer", error("orders@0"));
    assertEquals("\"orders@-1\": version must be a positive integer", error("users@2, orders@-1"));
    assertEquals("\"orders@\": version must be a positive integer", error("orders@"));
    assertEquals("\"orders@1.5\": version must be a positive integer", error("orders@1.5"));
    assertEquals(
        "\"orders@99999999999\": version must be a positive integer", error("orders@99999999999"));
  }

  @Test
  void badShapesAreQuoted() {
    assertEquals(
        "\"orders\": expected <track>@<version>, several separated by commas, e.g. orders@7, users@3",
        error("orders"));
    assertEquals(
        "\"orders@7@8\": expected <track>@<version>, several separated by commas, e.g. orders@7, users@3",
        error("orders@7@8"));
    assertEquals(
        "\"orders@7 users@3\": expected <track>@<version>, several separated by commas, e.g. orders@7, users@3",
        error("orders@7 users@3"));
    assertEquals(
        "\"Orders@7\": track must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'",
        error("Orders@7"));
    assertEquals(
        "\"@7\": track must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'",
        error("@7"));
  }

  @Test
  void emptyEntriesAndDuplicates() {
    assertEquals("\"orders@7,\": empty entry between commas", error("orders@7,"));
    assertEquals("\"orders@7,,users@1\": empty entry between commas", error("orders@7,,users@1"));
    assertEquals(
        "schemagate.dev/requires is empty; expected <track>@<version>[, <track>@<version>…]",
        error("  "));
    assertEquals(
        "\"orders@8\": track orders is already required as orders@7", error("orders@7, orders@8"));
  }

  @Test
  void constructorValidates() {
    assertThrows(IllegalArgumentException.class, () -> new Requirement("orders", 0));
    assertThrows(IllegalArgumentException.class, () -> new Requirement("a b", 1));
  }
}
