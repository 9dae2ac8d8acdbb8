package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.util.regex.Pattern;

/** What fixes need to know about a file's text: its line ends, its top, its phase options. */
final class FileText {

  static final String NON_TRANSACTIONAL_DIRECTIVE = "-- schemagate:phase transactional=false";

  private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
      "(?im)^[ \\t]*--[ \\t]*schemagate:phase\\b[^\\r\\n]*\\btransactional[ \\t]*=[ \\t]*\"?false\\b");
  private static final Pattern PHASE_LINE = Pattern.compile("[ \\t]*--[ \\t]*schemagate:phase\\b[^\\r\\n]*(\\r?\\n|$)");

  private FileText() {}

  /** {@code \r\n} when the file uses it, so inserted lines match the file's own. */
  static String newline(String text) {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  /** Where a statement goes to run first: after a byte-order mark and the phase directives. */
  static int top(String text) {
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    var m = PHASE_LINE.matcher(text);
    while (m.find(i) && m.start() == i && m.end() > i) {
      i = m.end();
    }
    return i;
  }

  /** True unless the file carries {@code -- schemagate:phase transactional=false}. */
  static boolean transactional(FileResult file) {
    for (StatementFacts s : file.statements()) {
      for (Directive d : s.statement().source().directives()) {
        if ("phase".equals(d.verb()) && "false".equalsIgnoreCase(d.options().get("transactional"))) {
          return false;
        }
      }
    }
    return !NON_TRANSACTIONAL.matcher(file.text()).find();
  }

  /** The edit that makes a transactional phase file run its statements one by one. */
  static TextEdit nonTransactionalDirective(FileResult file) {
    int at = file.text().startsWith("\uFEFF") ? 1 : 0;
    return new TextEdit(file.path(), at, at, NON_TRANSACTIONAL_DIRECTIVE + newline(file.text()));
  }

  /** The statement's text as it is in the file, checked against the file's length. */
  static String slice(FileResult file, SqlStatement source) {
    int start = source.startOffset();
    int end = source.endOffset();
    if (start < 0 || end < start || end > file.text().length()) {
      throw new IllegalArgumentException(file.path() + ": statement at line " + source.line()
          + " has offsets [" + start + ", " + end + ") outside the file's " + file.text().length() + " characters");
    }
    return file.text().substring(start, end);
  }
}
