package dev.schemagate.watcher.state;

/**
 * The latest head of one followed ref and what the watcher did about it.
 *
 * @param ref the full ref name in the mirror ({@code refs/heads/main}, {@code refs/pull/7/head})
 * @param commit its current head
 * @param policyHash the policy hash its verdict was computed with
 * @param state the verdict's state (see {@link Verdict})
 * @param description the verdict's one-line description
 * @param published whether the forge has been told (status and, for a pull request, the comment)
 * @param seenAt when this head was first seen (ISO-8601)
 */
public record RefVerdict(
    String ref,
    String commit,
    String policyHash,
    String state,
    String description,
    boolean published,
    String seenAt) {

  public RefVerdict asPublished() {
    return new RefVerdict(ref, commit, policyHash, state, description, true, seenAt);
  }
}
