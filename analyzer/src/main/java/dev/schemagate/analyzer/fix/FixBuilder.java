package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.facts.StatementFacts;

/** Turns one finding into a mechanical rewrite, when the statement has the shape it knows. */
interface FixBuilder {

  /**
   * @param statement the statement the finding is about, or null for a file-level finding
   * @return the fix, or null when this statement needs a human (or is already fixed)
   */
  Fix build(Finding finding, FileResult file, StatementFacts statement);
}
