package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;

/**
 * The counts every format reports. Waived findings count only as {@code waived}, never under their
 * severity, because they do not fail the check.
 */
public record Summary(
    long errors, long warnings, long info, long waived, int files, int statements, boolean failed) {

  public static Summary of(CheckResult result) {
    return new Summary(
        result.count(Severity.ERROR),
        result.count(Severity.WARNING),
        result.count(Severity.INFO),
        result.findings().stream().filter(Finding::waived).count(),
        result.files().size(),
        result.statementCount(),
        result.failed());
  }

  public boolean clean() {
    return errors == 0 && warnings == 0 && info == 0 && waived == 0;
  }

  /**
   * {@code 3 errors, 1 warning, 2 info in 5 files (120 statements)}, or {@code no findings in …}.
   */
  public String line() {
    String where = " in " + plural(files, "file") + " (" + plural(statements, "statement") + ")";
    if (clean()) {
      return "no findings" + where;
    }
    String counts =
        plural(errors, "error")
            + ", "
            + plural(warnings, "warning")
            + ", "
            + info
            + " info"
            + where;
    return waived == 0 ? counts : counts + "; " + waived + " waived";
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
