package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prepends {@code SET lock_timeout = '2s';} (or the track's {@code max_lock_timeout} threshold when
 * that is shorter) to a plain SQL file: a statement waiting for a conflicting lock then gives up
 * instead of queueing every later query on the table behind it. A phase file of a schemagate
 * repository gets nothing: the rollout runner sets its own {@code lock_timeout} before each phase,
 * and a SET in the file would override it.
 */
final class LockTimeoutFix {

  /** The value the rule's hint recommends. */
  static final Duration RECOMMENDED = Duration.ofSeconds(2);

  private static final Pattern SETS_LOCK_TIMEOUT =
      Pattern.compile("(?i)(^|[;\\s])set\\s+(session\\s+|local\\s+)?lock_timeout\\b");

  /**
   * @param holdsNonTransactional the fixed file holds a statement that cannot run in a transaction
   *     block (already, or through another fix of this run)
   */
  Fix build(
      Finding finding,
      FileResult file,
      StatementFacts statement,
      FixContext context,
      boolean holdsNonTransactional) {
    String text = file.text();
    // A lock_timeout set before the statement already covers it (a comment mentioning one would
    // also match; that only costs the fix, never a wrong edit).
    int upTo =
        statement == null
            ? text.length()
            : Math.min(text.length(), statement.statement().source().startOffset());
    if (SETS_LOCK_TIMEOUT.matcher(text.substring(0, upTo)).find()) {
      return null;
    }
    if (!context.plainFile()) {
      return Fix.refused(
          "no SET lock_timeout added: the rollout runner sets lock_timeout before each phase"
              + " (rollout.lock_timeout), and a SET in the phase file would override it; set"
              + " policy.runner_sets_lock_timeout: true in schemagate.yaml");
    }
    if (holdsNonTransactional && !Boolean.FALSE.equals(context.transactional())) {
      return Fix.refused(
          "no SET lock_timeout added: the file holds a statement that cannot run inside a transaction"
              + " block, and one more statement would make its tool run the file as one transaction; mark the file with"
              + " its tool's no-transaction marker first");
    }
    String statementText = "SET lock_timeout = '" + value(context) + "';";
    int at = FileText.top(file);
    return new Fix(
        "set lock_timeout at the top of the file (" + statementText + ")",
        List.of(new TextEdit(file.path(), at, at, statementText + FileText.newline(text))));
  }

  /**
   * The recommended 2 s, or the track's {@code max_lock_timeout} threshold when that is shorter.
   */
  static String value(FixContext context) {
    long ms = RECOMMENDED.toMillis();
    Double max = thresholdMillis(context.policy().thresholds().get("max_lock_timeout"));
    if (max != null && max >= 1 && max < ms) {
      ms = (long) Math.floor(max);
    }
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  /**
   * The threshold in milliseconds, read as the policy reads it ({@code duration_ms} in
   * policy/lib/statements.rego: a number of milliseconds, or a PostgreSQL time such as {@code
   * '500ms'}, {@code '1.5 h'}), or null when the policy could not read it either (it then uses its
   * default, 10 s, which 2 s satisfies).
   */
  static Double thresholdMillis(Object configured) {
    if (configured instanceof Number n) {
      return n.doubleValue();
    }
    if (!(configured instanceof String text)) {
      return null;
    }
    String t =
        text.strip().replaceAll("^['\"]+|['\"]+$", "").strip().toLowerCase(java.util.Locale.ROOT);
    for (String unit : List.of("min", "ms", "us", "s", "h", "d")) {
      if (t.endsWith(unit) && !(unit.equals("s") && (t.endsWith("ms") || t.endsWith("us")))) {
        Double n = number(t.substring(0, t.length() - unit.length()).strip());
        return n == null
            ? null
            : n
                * switch (unit) {
                  case "min" -> 60_000;
                  case "ms" -> 1;
                  case "us" -> 0.001;
                  case "s" -> 1_000;
                  case "h" -> 3_600_000;
                  default -> 86_400_000;
                };
      }
    }
    return number(t);
  }

  private static Double number(String t) {
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
