package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prepends {@code SET lock_timeout = '5s';}: a statement waiting for a conflicting lock then gives
 * up after five seconds instead of queueing every later query on the table behind it.
 */
final class LockTimeoutFix implements FixBuilder {

  static final String STATEMENT = "SET lock_timeout = '5s';";

  private static final Pattern SETS_LOCK_TIMEOUT =
      Pattern.compile("(?i)(^|[;\\s])set\\s+(session\\s+|local\\s+)?lock_timeout\\b");

  @Override
  public Fix build(Finding finding, FileResult file, StatementFacts statement) {
    String text = file.text();
    // A lock_timeout set before the statement already covers it (a comment mentioning one would
    // also match; that only costs the fix, never a wrong edit).
    int upTo = statement == null ? text.length() : Math.min(text.length(), statement.statement().source().startOffset());
    if (SETS_LOCK_TIMEOUT.matcher(text.substring(0, upTo)).find()) {
      return null;
    }
    int at = FileText.top(text);
    return new Fix("set lock_timeout at the top of the file (" + STATEMENT + ")",
        List.of(new TextEdit(file.path(), at, at, STATEMENT + FileText.newline(text))));
  }
}
