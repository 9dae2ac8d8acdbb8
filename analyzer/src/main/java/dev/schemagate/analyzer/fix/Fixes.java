package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mechanical fixes, by rule id. The check pipeline calls {@link #forFile} once per file, with
 * what the fixes need to know ({@link FixContext}), and gets each finding back with its fix (or its
 * refusal) attached; {@link FixApplier} writes them.
 */
public final class Fixes {

  private static final FixBuilder CONCURRENTLY = new ConcurrentlyFix();
  private static final FixBuilder NOT_VALID = new NotValidFix();
  private static final FixBuilder SET_NOT_NULL = new SetNotNullFix();
  private static final LockTimeoutFix LOCK_TIMEOUT = new LockTimeoutFix();
  private static final String MISSING_LOCK_TIMEOUT = "lock/missing-lock-timeout";

  private static final Map<String, FixBuilder> BY_RULE =
      Map.of(
          "lock/create-index-blocking", CONCURRENTLY,
          "lock/drop-index-blocking", CONCURRENTLY,
          "lock/reindex-blocking", CONCURRENTLY,
          "lock/refresh-matview-blocking", CONCURRENTLY,
          "lock/detach-partition-blocking", CONCURRENTLY,
          "lock/foreign-key-validation", NOT_VALID,
          "lock/scan-under-exclusive-lock",
              (finding, file, statement, context) -> {
                Fix fix = NOT_VALID.build(finding, file, statement, context);
                return fix != null ? fix : SET_NOT_NULL.build(finding, file, statement, context);
              },
          // The statement is already concurrent; only its file must leave the transaction block.
          "lock/concurrently-in-transaction",
              (finding, file, statement, context) -> {
                FileText.OwnTransactions own = FileText.ownTransactions(file, context, false);
                if (own.refused()) {
                  return Fix.refused(
                      "the file cannot be taken out of its transaction here: " + own.refusal());
                }
                return own.edits().isEmpty()
                    ? null
                    : new Fix(
                        "mark the phase file non-transactional ("
                            + FileText.NON_TRANSACTIONAL_DIRECTIVE
                            + "): the runner then runs its statements one by one, each in"
                            + " its own implicit transaction",
                        own.edits());
              });

  private Fixes() {}

  /** The rules that may carry a fix. */
  public static Set<String> rules() {
    Set<String> all = new java.util.TreeSet<>(BY_RULE.keySet());
    all.add(MISSING_LOCK_TIMEOUT);
    return Set.copyOf(all);
  }

  /**
   * The file's findings with their fixes attached (waived findings and findings of rules without a
   * rewrite unchanged). The lock_timeout fix is decided last: whether it may add a statement
   * depends on whether the fixed file will hold one that cannot run in a transaction block.
   *
   * @throws IllegalArgumentException naming the file when a statement's offsets do not fit its text
   */
  public static List<Finding> forFile(FileResult file, FixContext context) {
    List<Finding> out = new ArrayList<>(file.findings());
    boolean nonTransactional = file.statements().stream().anyMatch(s -> !s.transactional());
    for (int i = 0; i < out.size(); i++) {
      Finding f = out.get(i);
      FixBuilder builder = BY_RULE.get(f.rule());
      if (builder == null || f.waived()) {
        continue;
      }
      Fix fix = builder.build(f, file, statementOf(f, file), context);
      if (fix != null) {
        out.set(i, f.withFix(fix));
        nonTransactional |= builder == CONCURRENTLY && !fix.refused();
      }
    }
    for (int i = 0; i < out.size(); i++) {
      Finding f = out.get(i);
      if (f.rule().equals(MISSING_LOCK_TIMEOUT) && !f.waived()) {
        Fix fix = LOCK_TIMEOUT.build(f, file, statementOf(f, file), context, nonTransactional);
        if (fix != null) {
          out.set(i, f.withFix(fix));
        }
      }
    }
    return out;
  }

  /**
   * The rewrite for this one finding, decided without the rest of the file's findings, or null when
   * its rule has none or the statement's shape needs a human.
   */
  public static Fix forFinding(Finding finding, FileResult file, FixContext context) {
    FileResult alone =
        new FileResult(
            file.path(),
            file.track(),
            file.version(),
            file.phase(),
            file.text(),
            file.statements(),
            List.of(finding));
    return forFile(alone, context).get(0).fix();
  }

  /**
   * {@link #forFinding(Finding, FileResult, FixContext)} knowing nothing beyond the file ({@link
   * FixContext#unknown}).
   */
  public static Fix forFinding(Finding finding, FileResult file) {
    return forFinding(finding, file, FixContext.unknown(file));
  }

  private static StatementFacts statementOf(Finding f, FileResult file) {
    Integer i = f.statementIndex();
    return i != null && i >= 0 && i < file.statements().size() ? file.statements().get(i) : null;
  }
}
