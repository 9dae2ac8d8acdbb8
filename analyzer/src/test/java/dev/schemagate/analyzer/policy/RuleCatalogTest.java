package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.rules.RuleSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
  private final RuleCatalog catalog = RuleCatalog.bundled();

  /**
   * The catalogue (rules.json, generated from the METADATA) lists exactly the rules of policy/rules
   * and of docs/rules/README.md: a rule added with scripts/new-rule.sh needs no edit here.
   */
  @Test
  void listsEveryRuleOfTheSourcesWithItsDocumentationPage() {
    Set<String> ids =
        catalog.all().stream()
            .map(RuleInfo::id)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertEquals(
        RuleSources.idsFromRego(),
        ids,
        "rules.json against policy/rules: run scripts/build-policy.sh");
    assertEquals(
        RuleSources.idsFromReadme(), ids, "docs/rules/README.md rows against the catalogue");
    assertTrue(
        ids.containsAll(
            Set.of(
                "lock/table-rewrite",
                "compat/drop-column",
                "phase/version-order",
                "hygiene/unparsed-statement")),
        "one rule of each category at least: " + ids);
    for (RuleInfo r : catalog.all()) {
      assertTrue(Files.isRegularFile(Path.of("..").resolve(r.docPath())), r.docPath());
      assertTrue(!r.summary().isBlank(), r.id());
    }
  }

  @Test
  void carriesTheDefaultSeverities() {
    assertEquals(
        Severity.ERROR, catalog.find("lock/create-index-blocking").orElseThrow().defaultSeverity());
    assertEquals(
        Severity.WARNING,
        catalog.find("lock/missing-lock-timeout").orElseThrow().defaultSeverity());
    assertEquals(
        Severity.INFO, catalog.find("hygiene/prefer-jsonb").orElseThrow().defaultSeverity());
    assertTrue(catalog.find("lock/no-such-rule").isEmpty());
  }
}
