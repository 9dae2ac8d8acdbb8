package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.RuleInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a {@link CheckResult} in one output format of {@code schemagate check --format}. */
public interface Reporter {

  /**
   * @param rules the known rules (their metadata and documentation pages); findings of rules not in
   *     this list are still reported
   */
  void write(CheckResult result, List<RuleInfo> rules, Writer out) throws IOException;
}
