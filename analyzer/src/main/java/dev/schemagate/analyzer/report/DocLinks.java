package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.RuleInfo;
import java.util.List;

/**
 * Turns a rule's documentation path ({@code docs/rules/lock/create-index-blocking.md}) into an
 * absolute URL: SARIF's {@code helpUri} must be absolute, and relative links in a pull-request
 * comment do not resolve.
 */
public final class DocLinks {

  /** Where the project's documentation is published (its repository's default branch). */
  public static final String DEFAULT_BASE = "https://github.com/schemagate/schemagate/blob/main/";

  public static final String HOMEPAGE = "https://github.com/schemagate/schemagate";

  private final String base;

  public DocLinks(String base) {
    this.base = base.endsWith("/") ? base : base + "/";
  }

  /**
   * The links for this run: {@code SCHEMAGATE_DOCS_URL} when set (a fork or a mirror of the
   * documentation: the prefix that {@code docs/rules/…} is appended to), else {@link
   * #DEFAULT_BASE}.
   */
  public static DocLinks defaults() {
    String configured = System.getenv("SCHEMAGATE_DOCS_URL");
    return new DocLinks(
        configured == null || configured.isBlank() ? DEFAULT_BASE : configured.strip());
  }

  /**
   * The page of a rule: from its RuleInfo when known, else the conventional {@code
   * docs/rules/<id>.md}.
   */
  public String ruleUrl(String ruleId, List<RuleInfo> rules) {
    for (RuleInfo r : rules) {
      if (r.id().equals(ruleId) && r.docPath() != null) {
        return base + r.docPath();
      }
    }
    return base + "docs/rules/" + ruleId + ".md";
  }
}
