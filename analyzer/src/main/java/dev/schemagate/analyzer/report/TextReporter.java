package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The terminal format: one block per finding (location, severity, rule, message, the quoted
 * statement with a caret under the column, the hint), then a summary line.
 */
public final class TextReporter implements Reporter {

  /** At most this many lines of a statement are quoted. */
  static final int QUOTED_LINES = 3;

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private final boolean colour;

  /**
   * @param colour emit ANSI colours; pass true only when asked or when stdout is a terminal
   */
  public TextReporter(boolean colour) {
    this.colour = colour;
  }

  @Override
  public void write(CheckResult result, List<RuleInfo> rules, Writer out) throws IOException {
    for (FileResult file : result.files()) {
      for (Finding f : ReportSupport.sorted(file)) {
        writeFinding(f, file, out);
        out.write("\n");
      }
    }
    Summary summary = Summary.of(result);
    String line = summary.line();
    if (colour) {
      line = (summary.failed() ? BOLD + RED : BOLD) + line + RESET;
    }
    out.write(line);
    out.write("\n");
    out.flush();
  }

  private void writeFinding(Finding f, FileResult file, Writer out) throws IOException {
    boolean dim = colour && f.waived();
    String location = f.path() + ":" + f.line() + ":" + f.column();
    String rest = "  " + severityLabel(f) + "  " + f.rule() + "  " + f.message();
    if (dim) {
      out.write(DIM + location + rest + RESET);
    } else {
      out.write((colour ? BOLD + location + RESET : location) + rest);
    }
    out.write("\n");
    int end = ReportSupport.endLine(f, file);
    int last = Math.min(end, f.line() + QUOTED_LINES - 1);
    int width = String.valueOf(last).length();
    for (int n = f.line(); n <= last; n++) {
      String text = ReportSupport.lineOf(file.text(), n);
      if (text == null) {
        break;
      }
      writeDimmable(pad(String.valueOf(n), width) + " | " + text, dim, out);
      if (n == f.line()) {
        writeDimmable(" ".repeat(width) + " | " + caretPrefix(text, f.column()) + "^", dim, out);
      }
    }
    if (end > last) {
      writeDimmable(" ".repeat(width) + " | …", dim, out);
    }
    if (f.hint() != null && !f.hint().isBlank()) {
      writeDimmable("  hint: " + f.hint(), dim, out);
    }
    if (f.fix() != null && f.fix().refused()) {
      writeDimmable("  no fix: " + f.fix().description(), dim, out);
    } else if (f.fix() != null) {
      writeDimmable("  fix: " + f.fix().description() + " (schemagate check --fix)", dim, out);
    }
    if (f.waived()) {
      writeDimmable("  waived: " + f.waivedReason(), dim, out);
    }
  }

  private String severityLabel(Finding f) {
    String id = f.severity().id();
    if (f.waived()) {
      return id + " (waived)";
    }
    if (!colour) {
      return id;
    }
    String c =
        f.severity() == Severity.ERROR
            ? BOLD + RED
            : f.severity() == Severity.WARNING ? YELLOW : CYAN;
    return c + id + RESET;
  }

  private void writeDimmable(String line, boolean dim, Writer out) throws IOException {
    out.write(dim ? DIM + line + RESET : line);
    out.write("\n");
  }

  /** Whitespace up to the column, keeping the line's tabs so the caret lines up in any terminal. */
  static String caretPrefix(String line, int column) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < column - 1; i++) {
      sb.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }
}
