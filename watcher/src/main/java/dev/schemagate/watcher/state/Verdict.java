package dev.schemagate.watcher.state;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of checking one commit with one policy bundle: what the forge is told and what the
 * watcher serves. Stored as JSON, one file per commit and policy hash.
 *
 * @param commit the checked commit
 * @param base what it was compared with ({@code main}, or null when the whole repository was
 *     checked)
 * @param mergeBase the merge base the changes were taken from, or null
 * @param policyHash the fingerprint of the policies the check ran with
 * @param state {@code success}, {@code failure} (error-level findings) or {@code error} (the check
 *     could not run: bad input, missing history)
 * @param description one line, at most 140 characters (GitHub's limit for a commit status)
 * @param findingsByRule rule id → unwaived findings of that rule
 * @param report the pull-request comment body (markdown, starts with the report marker)
 * @param findings the unwaived findings, errors first, at most {@link #MAX_FINDINGS} (empty in
 *     verdicts stored before this field existed: the page then points to the report)
 */
public record Verdict(
    String commit,
    String base,
    String mergeBase,
    String policyHash,
    String state,
    String description,
    long errors,
    long warnings,
    long info,
    long waived,
    int files,
    Map<String, Integer> findingsByRule,
    String report,
    String analyzedAt,
    long analysisMillis,
    List<ReportedFinding> findings) {

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String ERROR = "error";

  public Verdict {
    findingsByRule = findingsByRule == null ? Map.of() : new TreeMap<>(findingsByRule);
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** The most findings a verdict lists one by one (the report and findingsByRule count all). */
  public static final int MAX_FINDINGS = 200;

  /**
   * One unwaived finding, as the page lists it.
   *
   * @param severity {@code error}, {@code warning} or {@code info}
   * @param path the file, relative to the schemagate repository root
   * @param line 1-based, 0 when the finding is about the whole file
   * @param ruleUrl the rule's documentation page
   */
  public record ReportedFinding(
      String rule,
      String severity,
      String path,
      int line,
      String message,
      String hint,
      String ruleUrl) {}

  /** The longest commit-status description GitHub accepts. */
  public static final int MAX_DESCRIPTION = 140;

  public static String shorten(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() <= MAX_DESCRIPTION ? one : one.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
