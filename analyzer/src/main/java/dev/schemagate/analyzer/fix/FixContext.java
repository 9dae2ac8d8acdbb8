package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.repo.PolicySettings;
import java.util.Objects;

/**
 * What a fix must know beyond the file's text to tell whether its rewrite will run: the PostgreSQL
 * version, the schema the replayed history built before the file, how the file is run, and the
 * track's policy settings.
 *
 * @param pgVersion the PostgreSQL major version the file is checked for (14–18)
 * @param catalogBefore the replayed catalog before the file's first statement (not modified here)
 * @param plainFile true for a plain SQL file (its own tool runs it), false for a phase file of a
 *     schemagate repository (the rollout runner runs it and sets {@code lock_timeout} itself)
 * @param transactional the file's transaction mode as the check saw it: true one transaction, false
 *     statement by statement, null unknown (a plain file with one statement and no marker)
 * @param policy the track's policy settings (thresholds, {@code runner_sets_lock_timeout})
 */
public record FixContext(
    int pgVersion,
    Catalog catalogBefore,
    boolean plainFile,
    Boolean transactional,
    PolicySettings policy) {

  public FixContext {
    Objects.requireNonNull(catalogBefore, "catalogBefore");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * For callers that know nothing but the file (unit tests of one rewrite): PostgreSQL 17, an empty
   * catalog, default policy settings; a file without a track is a plain file, whose mode follows
   * the check's reading (its directive, else one transaction for several statements, else unknown).
   */
  public static FixContext unknown(FileResult file) {
    boolean plain = file.track() == null;
    Boolean transactional = FileText.transactional(file);
    if (plain && transactional) {
      transactional = file.statements().size() > 1 ? Boolean.TRUE : null;
    }
    return new FixContext(17, new Catalog(), plain, transactional, PolicySettings.DEFAULTS);
  }

  /** The replayed catalog just before statement {@code index} of the file. */
  Catalog catalogAt(FileResult file, int index) {
    Catalog c = catalogBefore.copy();
    for (int i = 0; i < index && i < file.statements().size(); i++) {
      c.apply(file.statements().get(i).statement());
    }
    return c;
  }
}
