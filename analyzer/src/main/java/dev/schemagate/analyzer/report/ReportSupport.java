package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lookups the formats share: findings in reading order, the statement a finding is about. */
final class ReportSupport {

  private ReportSupport() {}

  /** The file's findings by position (stable: equal positions keep the policy's order). */
  static List<Finding> sorted(FileResult file) {
    List<Finding> list = new ArrayList<>(file.findings());
    list.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
    return list;
  }

  static StatementFacts statementOf(Finding finding, FileResult file) {
    Integer i = finding.statementIndex();
    if (i == null || i < 0 || i >= file.statements().size()) {
      return null;
    }
    return file.statements().get(i);
  }

  /** The statement's last line, or the finding's line for a file-level finding. */
  static int endLine(Finding finding, FileResult file) {
    StatementFacts s = statementOf(finding, file);
    if (s == null || s.statement() == null || s.statement().source() == null) {
      return finding.line();
    }
    return Math.max(finding.line(), s.statement().source().endLine());
  }

  /** Line {@code n} (1-based) of {@code text} without its terminator, or null past the end. */
  static String lineOf(String text, int n) {
    if (text == null || n < 1) {
      return null;
    }
    int start = 0;
    for (int line = 1; line < n; line++) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        return null;
      }
      start = nl + 1;
    }
    if (start > text.length()) {
      return null;
    }
    int end = text.indexOf('\n', start);
    String s = end < 0 ? text.substring(start) : text.substring(start, end);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
