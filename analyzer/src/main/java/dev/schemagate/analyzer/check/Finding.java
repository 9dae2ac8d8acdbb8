package dev.schemagate.analyzer.check;

/**
 * One policy verdict about a statement (or a whole file when {@code statementIndex} is null).
 *
 * @param line 1-based; the statement's first line, or 1 for a file-level finding
 * @param waivedReason non-null when a {@code -- schemagate:allow} directive with a reason waives
 *     this finding: it is then reported but does not fail the check
 * @param fix the mechanical rewrite, or null when the safe rewrite needs a human
 */
public record Finding(
    String rule,
    Severity severity,
    String path,
    int line,
    int column,
    String message,
    String hint,
    Integer statementIndex,
    String waivedReason,
    Fix fix) {

  public boolean waived() {
    return waivedReason != null;
  }

  /** True when this finding makes the check fail. */
  public boolean blocking() {
    return severity == Severity.ERROR && !waived();
  }

  public Finding withSeverity(Severity s) {
    return new Finding(
        rule, s, path, line, column, message, hint, statementIndex, waivedReason, fix);
  }

  public Finding withWaiver(String reason) {
    return new Finding(
        rule, severity, path, line, column, message, hint, statementIndex, reason, fix);
  }

  public Finding withFix(Fix f) {
    return new Finding(
        rule, severity, path, line, column, message, hint, statementIndex, waivedReason, f);
  }
}
