package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReportersTest {

  @Test
  void formatsByName() {
    assertInstanceOf(
        TextReporter.class, Reporters.forFormat("text", false, "0", DocLinks.defaults()));
    assertInstanceOf(
        JsonReporter.class, Reporters.forFormat("JSON", false, "0", DocLinks.defaults()));
    assertInstanceOf(
        SarifReporter.class, Reporters.forFormat("sarif", false, "0", DocLinks.defaults()));
    assertInstanceOf(
        GithubReporter.class, Reporters.forFormat("github", false, "0", DocLinks.defaults()));
    assertInstanceOf(
        MarkdownReporter.class, Reporters.forFormat("markdown", false, "0", DocLinks.defaults()));
  }

  @Test
  void unknownFormatNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Reporters.forFormat("xml", false, "0", DocLinks.defaults()));
    assertEquals(
        "unknown output format 'xml': expected one of text, json, sarif, github, markdown",
        e.getMessage());
  }

  @Test
  void ruleLinksUseTheRulesPageOrTheConvention() {
    DocLinks links = new DocLinks("https://example.org/repo");
    assertEquals(
        "https://example.org/repo/docs/rules/lock/table-rewrite.md",
        links.ruleUrl("lock/table-rewrite", ReportFixtures.RULES));
    assertEquals(
        "https://example.org/repo/docs/rules/compat/drop-column.md",
        links.ruleUrl("compat/drop-column", ReportFixtures.RULES));
  }
}
