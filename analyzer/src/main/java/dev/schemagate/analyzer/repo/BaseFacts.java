package dev.schemagate.analyzer.repo;

/**
 * What the base branch says about one phase file: the policy input's {@code base} block.
 *
 * @param compared false when no base was given (the base-dependent rules then stay silent)
 * @param existedOnBase the file exists on the merge base
 * @param appliedFileChanged the file exists on the merge base and its content differs now
 * @param newVersion the file's version number does not exist on the merge base
 * @param maxVersionOnBase the highest version of the file's track on the merge base (0 when none)
 * @param removed the file exists on the merge base and no longer exists now (then {@code
 *     appliedFileChanged} is true too)
 */
public record BaseFacts(
    boolean compared,
    boolean existedOnBase,
    boolean appliedFileChanged,
    boolean newVersion,
    int maxVersionOnBase,
    boolean removed) {

  /** Facts of a file that exists now. */
  public BaseFacts(
      boolean compared,
      boolean existedOnBase,
      boolean appliedFileChanged,
      boolean newVersion,
      int maxVersionOnBase) {
    this(compared, existedOnBase, appliedFileChanged, newVersion, maxVersionOnBase, false);
  }

  /** For a check without {@code --base}. */
  public static final BaseFacts NOT_COMPARED = new BaseFacts(false, false, false, false, 0);
}
