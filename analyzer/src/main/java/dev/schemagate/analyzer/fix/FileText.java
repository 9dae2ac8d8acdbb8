package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;
import java.util.regex.Pattern;

/** What fixes need to know about a file's text: its line ends, its top, its transaction mode. */
final class FileText {

  static final String NON_TRANSACTIONAL_DIRECTIVE = "-- schemagate:phase transactional=false";

  private static final Pattern NON_TRANSACTIONAL =
      Pattern.compile(
          "(?im)^[ \\t]*--[ \\t]*schemagate:phase\\b[^\\r\\n]*\\btransactional[ \\t]*=[ \\t]*\"?false\\b");
  private static final Pattern PHASE_LINE =
      Pattern.compile("[ \\t]*--[ \\t]*schemagate:phase\\b[^\\r\\n]*(\\r?\\n|$)");

  /**
   * Lines another migration tool reads from a file's head: dbmate ({@code -- migrate:up}),
   * postgres-migrations ({@code -- postgres-migrations disable-transaction}), goose ({@code --
   * +goose Up}, {@code -- +goose NO TRANSACTION}) and sqlx ({@code -- no-transaction}). Nothing may
   * be inserted above them: dbmate runs only what follows {@code migrate:up}, and
   * postgres-migrations reads its marker from the file's first line.
   */
  private static final Pattern TOOL_MARKER =
      Pattern.compile(
          "(?im)^[ \\t]*--[ \\t]*(migrate:up\\b|postgres-migrations\\b|\\+goose[ \\t]+(up|no[ \\t]+transaction)\\b"
              + "|no-transaction\\b)[^\\r\\n]*(\\r?\\n|$)");

  private FileText() {}

  /** {@code \r\n} when the file uses it, so inserted lines match the file's own. */
  static String newline(String text) {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  /**
   * Where a statement goes to run first: after a byte-order mark, the phase directives and any
   * other tool's marker lines before {@code firstStatement} (the offset of the file's first
   * statement).
   */
  static int top(String text, int firstStatement) {
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    var m = PHASE_LINE.matcher(text);
    while (m.find(i) && m.start() == i && m.end() > i) {
      i = m.end();
    }
    var marker = TOOL_MARKER.matcher(text);
    marker.region(0, Math.max(0, Math.min(text.length(), firstStatement)));
    while (marker.find()) {
      i = Math.max(i, marker.end());
    }
    return i;
  }

  /** {@link #top(String, int)} of a file, before its first statement. */
  static int top(FileResult file) {
    int first =
        file.statements().isEmpty()
            ? file.text().length()
            : file.statements().get(0).statement().source().startOffset();
    return top(file.text(), first);
  }

  /** True unless the file carries {@code -- schemagate:phase transactional=false}. */
  static boolean transactional(FileResult file) {
    for (StatementFacts s : file.statements()) {
      for (Directive d : s.statement().source().directives()) {
        if ("phase".equals(d.verb())
            && "false".equalsIgnoreCase(d.options().get("transactional"))) {
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

  /**
   * What it takes for the fixed file to run statements that cannot share a transaction with the
   * rest of it (CONCURRENTLY, or a VALIDATE that must not run under the ADD's lock).
   *
   * @param edits what to add (the directive on a transactional phase file; nothing on a file that
   *     already runs statement by statement)
   * @param refusal null when the file can be made so, else why not (the fix then writes nothing)
   */
  record OwnTransactions(List<TextEdit> edits, String refusal) {

    boolean refused() {
      return refusal != null;
    }

    /** The description of the directive edit, or empty when none is added. */
    String note() {
      return edits.isEmpty()
          ? ""
          : " and mark the phase file non-transactional ("
              + NON_TRANSACTIONAL_DIRECTIVE
              + "): the runner then runs its statements one by one, each in its own implicit transaction";
    }
  }

  /**
   * @param addsStatements whether the fix adds statements to the file (a plain file with one
   *     statement then becomes a multi-statement file, which its tool runs as one transaction)
   */
  static OwnTransactions ownTransactions(
      FileResult file, FixContext context, boolean addsStatements) {
    Integer begin = explicitTransaction(file);
    if (begin != null) {
      return new OwnTransactions(
          List.of(),
          "the file opens its own transaction ("
              + file.statements()
                  .get(begin)
                  .statement()
                  .source()
                  .text()
                  .strip()
                  .split("\\s+")[0]
                  .toUpperCase()
              + " at line "
              + file.statements().get(begin).statement().source().line()
              + "), inside which the rewrite cannot run; move the statement to a file of its own");
    }
    if (!context.plainFile()) {
      return FileText.transactional(file)
          ? new OwnTransactions(List.of(nonTransactionalDirective(file)), null)
          : new OwnTransactions(List.of(), null);
    }
    if (Boolean.FALSE.equals(context.transactional())) {
      return new OwnTransactions(List.of(), null);
    }
    if (context.transactional() == null && !addsStatements) {
      return new OwnTransactions(List.of(), null); // one statement, run on its own
    }
    String why =
        context.transactional() == null
            ? "the rewrite adds statements to this one-statement file, which its tool then runs as one transaction"
            : "its tool runs this "
                + file.statements().size()
                + "-statement file as one transaction";
    return new OwnTransactions(
        List.of(),
        why
            + "; take the file out of the transaction with its tool's marker"
            + " (e.g. -- postgres-migrations disable-transaction, -- +goose NO TRANSACTION, -- migrate:up transaction:false)"
            + " or move the statement to a file of its own");
  }

  /** The index of the file's first BEGIN / START TRANSACTION / COMMIT statement, or null. */
  static Integer explicitTransaction(FileResult file) {
    for (int i = 0; i < file.statements().size(); i++) {
      if (file.statements().get(i).statement().kind() == StatementKind.TRANSACTION_CONTROL) {
        return i;
      }
    }
    return null;
  }

  /** The statement's text as it is in the file, checked against the file's length. */
  static String slice(FileResult file, SqlStatement source) {
    int start = source.startOffset();
    int end = source.endOffset();
    if (start < 0 || end < start || end > file.text().length()) {
      throw new IllegalArgumentException(
          file.path()
              + ": statement at line "
              + source.line()
              + " has offsets ["
              + start
              + ", "
              + end
              + ") outside the file's "
              + file.text().length()
              + " characters");
    }
    return file.text().substring(start, end);
  }
}
