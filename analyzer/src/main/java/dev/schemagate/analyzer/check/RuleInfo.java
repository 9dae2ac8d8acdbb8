package dev.schemagate.analyzer.check;

/**
 * What a rule is, for reports (SARIF rule metadata, links in the pull-request comment).
 *
 * @param id the rule identifier, e.g. {@code lock/create-index-blocking}
 * @param summary one line: what it flags
 * @param docPath the rule's page, relative to the repository root ({@code
 *     docs/rules/lock/create-index-blocking.md})
 */
public record RuleInfo(String id, Severity defaultSeverity, String summary, String docPath) {}
