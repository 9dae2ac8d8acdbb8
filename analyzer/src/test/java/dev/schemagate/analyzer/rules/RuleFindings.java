package dev.schemagate.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.Finding;
import java.util.Arrays;
import java.util.List;

/**
 * Assertions on the findings of one rule in a check result. Locations are written {@code
 * "<path>:<line>"}, so a failure shows where the rule fired and where it was expected.
 */
public final class RuleFindings {

  private RuleFindings() {}

  /** The findings of {@code rule}, waived or not, in report order. */
  public static List<Finding> of(CheckResult result, String rule) {
    return result.findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  /**
   * Asserts that {@code rule} fires exactly at the given locations ({@code "path:line"}), none of
   * them waived, and returns the findings.
   */
  public static List<Finding> assertFiresAt(CheckResult result, String rule, String... locations) {
    List<Finding> found = of(result, rule);
    assertEquals(
        Arrays.asList(locations),
        found.stream().map(RuleFindings::location).toList(),
        rule + " findings; all findings: " + describe(result));
    for (Finding f : found) {
      assertFalse(
          f.waived(), () -> rule + " at " + location(f) + " is waived: " + f.waivedReason());
      assertFalse(f.message().isBlank(), rule + " has an empty message");
    }
    return found;
  }

  /** Asserts one unwaived finding of {@code rule} at {@code path:line} and returns it. */
  public static Finding assertFires(CheckResult result, String rule, String path, int line) {
    return assertFiresAt(result, rule, path + ":" + line).get(0);
  }

  /** Asserts that {@code rule} does not fire anywhere in the result (not even waived). */
  public static void assertSilent(CheckResult result, String rule) {
    List<Finding> found = of(result, rule);
    assertTrue(
        found.isEmpty(),
        () ->
            rule + " fired: " + found.stream().map(f -> location(f) + " " + f.message()).toList());
  }

  /** Asserts that {@code rule} does not fire in the file at {@code path}. */
  public static void assertSilentIn(CheckResult result, String rule, String path) {
    List<Finding> found = of(result, rule).stream().filter(f -> f.path().equals(path)).toList();
    assertTrue(
        found.isEmpty(),
        () ->
            rule
                + " fired in "
                + path
                + ": "
                + found.stream().map(f -> location(f) + " " + f.message()).toList());
  }

  public static String location(Finding f) {
    return f.path() + ":" + f.line();
  }

  private static String describe(CheckResult result) {
    return result.findings().stream().map(f -> f.rule() + "@" + location(f)).toList().toString();
  }
}
