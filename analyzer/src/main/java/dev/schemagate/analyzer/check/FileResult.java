package dev.schemagate.analyzer.check;

import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.repo.PhaseKind;
import java.util.List;

/**
 * The analysis of one file: its statements' facts and the findings on them.
 *
 * @param path as given on the command line, or relative to the repository root
 * @param track null for a plain SQL file outside a schemagate repository
 * @param version null for a plain SQL file
 * @param phase null for a plain SQL file
 * @param text the file's content (reporters quote lines from it; fixes edit it)
 */
public record FileResult(
    String path,
    String track,
    Integer version,
    PhaseKind phase,
    String text,
    List<StatementFacts> statements,
    List<Finding> findings) {

  public FileResult {
    statements = List.copyOf(statements);
    findings = List.copyOf(findings);
  }
}
