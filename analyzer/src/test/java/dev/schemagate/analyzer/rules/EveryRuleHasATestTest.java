package dev.schemagate.analyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.policy.RuleCatalog;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every bundled rule has its test class, named after its id: {@code lock/create-index-blocking} →
 * {@code dev.schemagate.analyzer.rules.lock.CreateIndexBlockingTest}, with at least two tests (the
 * flagged case and the safe rewrite).
 */
class EveryRuleHasATestTest {

  static String testClassOf(String ruleId) {
    String[] parts = ruleId.split("/");
    StringBuilder name = new StringBuilder();
    for (String word : parts[1].split("-")) {
      name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
    }
    return "dev.schemagate.analyzer.rules." + parts[0] + "." + name + "Test";
  }

  @Test
  void namingFollowsTheRuleId() {
    assertEquals(
        "dev.schemagate.analyzer.rules.lock.CreateIndexBlockingTest",
        testClassOf("lock/create-index-blocking"));
  }

  @Test
  void everyBundledRuleHasItsTestClass() {
    List<RuleInfo> rules = RuleCatalog.bundled().all();
    assertEquals(
        RuleSources.idsFromRego().size(),
        rules.size(),
        "one catalogue entry per rule of policy/rules");
    List<String> missing = new ArrayList<>();
    for (RuleInfo rule : rules) {
      try {
        Class<?> test = Class.forName(testClassOf(rule.id()));
        long tests =
            Arrays.stream(test.getDeclaredMethods()).filter(EveryRuleHasATestTest::isTest).count();
        assertTrue(tests >= 2, test.getName() + " needs a flagged case and a safe rewrite");
      } catch (ClassNotFoundException e) {
        missing.add(rule.id() + " -> " + testClassOf(rule.id()));
      }
    }
    assertEquals(List.of(), missing);
  }

  private static boolean isTest(Method m) {
    return m.isAnnotationPresent(Test.class)
        || m.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class);
  }
}
