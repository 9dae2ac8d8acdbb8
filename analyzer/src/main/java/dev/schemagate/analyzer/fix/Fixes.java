package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mechanical fixes, by rule id. The check pipeline calls {@link #forFinding} for every finding
 * and attaches the result with {@link Finding#withFix}; {@link FixApplier} writes them.
 */
public final class Fixes {

  private static final FixBuilder CONCURRENTLY = new ConcurrentlyFix();
  private static final FixBuilder NOT_VALID = new NotValidFix();
  private static final FixBuilder SET_NOT_NULL = new SetNotNullFix();

  private static final Map<String, FixBuilder> BY_RULE = Map.of(
      "lock/create-index-blocking", CONCURRENTLY,
      "lock/drop-index-blocking", CONCURRENTLY,
      "lock/reindex-blocking", CONCURRENTLY,
      "lock/refresh-matview-blocking", CONCURRENTLY,
      "lock/detach-partition-blocking", CONCURRENTLY,
      "lock/foreign-key-validation", NOT_VALID,
      "lock/scan-under-exclusive-lock", (finding, file, statement) -> {
        Fix fix = NOT_VALID.build(finding, file, statement);
        return fix != null ? fix : SET_NOT_NULL.build(finding, file, statement);
      },
      "lock/missing-lock-timeout", new LockTimeoutFix(),
      // The statement is already concurrent; only its phase file must leave the transaction block.
      "lock/concurrently-in-transaction", (finding, file, statement) -> FileText.transactional(file)
          ? new Fix("mark the phase file non-transactional (" + FileText.NON_TRANSACTIONAL_DIRECTIVE
              + "): the runner then runs its statements one by one, each in its own implicit transaction",
              List.of(FileText.nonTransactionalDirective(file)))
          : null);

  private Fixes() {}

  /** The rules that may carry a fix. */
  public static Set<String> rules() {
    return BY_RULE.keySet();
  }

  /**
   * The mechanical rewrite for this finding, or null when its rule has none or the statement's
   * shape needs a human (several actions in one ALTER TABLE, CASCADE, already rewritten…).
   *
   * @throws IllegalArgumentException naming the file when the statement's offsets do not fit its text
   */
  public static Fix forFinding(Finding finding, FileResult file) {
    FixBuilder builder = BY_RULE.get(finding.rule());
    if (builder == null) {
      return null;
    }
    StatementFacts statement = null;
    Integer i = finding.statementIndex();
    if (i != null && i >= 0 && i < file.statements().size()) {
      statement = file.statements().get(i);
    }
    return builder.build(finding, file, statement);
  }
}
