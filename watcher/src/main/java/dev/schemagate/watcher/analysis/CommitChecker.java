package dev.schemagate.watcher.analysis;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.policy.PolicySource;
import dev.schemagate.analyzer.policy.RuleCatalog;
import dev.schemagate.analyzer.repo.BaseComparison;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PolicySettings;
import dev.schemagate.analyzer.repo.SchemagateConfig;
import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.analyzer.report.MarkdownReporter;
import dev.schemagate.analyzer.report.Summary;
import dev.schemagate.watcher.WatchLog;
import dev.schemagate.watcher.state.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks one commit of a (bare) repository the way {@code schemagate check --base} checks a work
 * tree: the commit's migration files are checked out into a scratch folder, compared with the merge
 * base through {@link BaseComparison#ofCommits}, and run through the analyzer's {@link
 * CheckRunner}. What is wrong with the commit (bad input, an unknown file, a file too large)
 * becomes a verdict of state {@code error} with a message that names the file. What is about the
 * watcher (a disk or Git error, a scratch folder changed by something else) is a {@link
 * CheckUnavailableException}: never a verdict, the watcher retries the commit.
 *
 * <p>The scratch folder is kept between checks (consecutive commits differ in a few files, so only
 * those are rewritten) and holds a marker file with a token of this checker: when the marker is
 * gone or foreign, the folder was changed from outside and is written again from scratch.
 */
public final class CommitChecker {

  /**
   * Default per-file limit: migration files are text; a larger blob is a mistake or a data dump.
   */
  public static final long DEFAULT_MAX_FILE_BYTES = 8L * 1024 * 1024;

  private final Path scratch;
  private final String prefix;
  private final long maxFileBytes;
  private final DocLinks links;
  private final java.util.concurrent.CompletableFuture<PolicyEngine> bundled;

  /** What the scratch tree holds: path → blob id. */
  private final java.util.Map<String, ObjectId> onDisk = new java.util.HashMap<>();

  private volatile java.util.Map<String, Long> lastTimings = java.util.Map.of();

  /** The marker's content while this checker owns the scratch tree. */
  private final String token = java.util.UUID.randomUUID().toString();

  /**
   * The marker file in the scratch tree; it starts with a dot, so the analyzer does not read it.
   */
  static final String MARKER_FILE = ".schemagate-scratch";

  /**
   * Milliseconds per stage of the last check (checkout, load, compare, the analyzer's stages,
   * report).
   */
  public java.util.Map<String, Long> lastTimings() {
    return lastTimings;
  }

  /**
   * @param scratch where commits are checked out while they are analyzed (kept between checks)
   * @param prefix the schemagate repository root inside the Git tree: {@code ""} or {@code "db"}
   * @param maxFileBytes the largest file under a track or policy folder that is analyzed
   */
  public CommitChecker(Path scratch, String prefix, long maxFileBytes, DocLinks links) {
    this.scratch = scratch;
    this.prefix = normalisePrefix(prefix);
    this.maxFileBytes = maxFileBytes;
    this.links = links;
    // Loading the Wasm policy is the largest fixed cost of a first check: start it now, in the
    // background.
    this.bundled = java.util.concurrent.CompletableFuture.supplyAsync(PolicyEngine::bundled);
  }

  static String normalisePrefix(String prefix) {
    String p = prefix == null ? "" : prefix.trim().replace('\\', '/');
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("./") ? 2 : 1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals(".") ? "" : p;
  }

  /** The path of {@code schemagate.yaml} inside the Git tree. */
  public String configPath() {
    return prefix.isEmpty()
        ? SchemagateConfig.FILE_NAME
        : prefix + "/" + SchemagateConfig.FILE_NAME;
  }

  /** The protected branch the commit's {@code schemagate.yaml} names (default {@code main}). */
  public String protectedBranch(Repository repo, ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      String yaml =
          TreeCheckout.readFile(repo, walk.parseCommit(commit), configPath(), maxFileBytes);
      return yaml == null ? ConfigPaths.DEFAULT_BRANCH : ConfigPaths.read(yaml).protectedBranch();
    }
  }

  /**
   * Checks what {@code head} changes since its merge base with {@code base}.
   *
   * @param base the tip of the branch to compare with, or null to check every file (a root commit)
   * @param baseName how the report names the base
   */
  public Verdict check(
      Repository repo, ObjectId head, ObjectId base, String baseName, String policyHash)
      throws CheckUnavailableException {
    return check(repo, head, base, baseName, policyHash, true);
  }

  /**
   * Checks what {@code head} changes since {@code base} itself (a branch's earlier tip): a force
   * push that rewrote files of the earlier tip changes applied files.
   */
  public Verdict checkSince(
      Repository repo, ObjectId head, ObjectId base, String baseName, String policyHash)
      throws CheckUnavailableException {
    return check(repo, head, base, baseName, policyHash, false);
  }

  private synchronized Verdict check(
      Repository repo,
      ObjectId head,
      ObjectId base,
      String baseName,
      String policyHash,
      boolean mergeBase)
      throws CheckUnavailableException {
    long t0 = System.nanoTime();
    Path work = scratch.resolve("tree");
    try {
      RevCommit commit;
      try (RevWalk walk = new RevWalk(repo)) {
        commit = walk.parseCommit(head);
      }
      String yaml = TreeCheckout.readFile(repo, commit, configPath(), maxFileBytes);
      if (yaml == null) {
        return error(
            head,
            baseName,
            null,
            policyHash,
            t0,
            configPath()
                + " not found in this commit (or larger than "
                + bytes(maxFileBytes)
                + ")");
      }
      List<String> paths = new ArrayList<>();
      paths.add(configPath());
      for (String p : ConfigPaths.read(yaml).paths()) {
        paths.add(prefix.isEmpty() ? p : prefix + "/" + p);
      }
      claim(work);
      java.util.Map<String, Long> stages = new java.util.LinkedHashMap<>();
      long s0 = System.nanoTime();
      List<TreeCheckout.Oversized> oversized =
          TreeCheckout.sync(repo, head, paths, work, maxFileBytes, onDisk);
      stages.put("checkout", (System.nanoTime() - s0) / 1_000_000);
      if (!oversized.isEmpty()) {
        TreeCheckout.Oversized first = oversized.get(0);
        return error(
            head,
            baseName,
            null,
            policyHash,
            t0,
            first.path()
                + " is "
                + bytes(first.bytes())
                + ", above the watcher's limit of "
                + bytes(maxFileBytes)
                + " per file (--max-file-size); migration files are SQL text"
                + (oversized.size() > 1
                    ? " (and " + (oversized.size() - 1) + " more such files)"
                    : ""));
      }
      Path root = prefix.isEmpty() ? work : work.resolve(prefix);
      Files.createDirectories(root);
      s0 = System.nanoTime();
      MigrationRepository migrations = MigrationRepository.load(root);
      stages.put("load", (System.nanoTime() - s0) / 1_000_000);
      s0 = System.nanoTime();
      BaseComparison comparison =
          base == null
              ? null
              : mergeBase
                  ? BaseComparison.ofCommits(repo, head, base, baseName, prefix, root)
                  : BaseComparison.againstCommit(repo, head, base, baseName, prefix, root);
      CheckRunner runner = new CheckRunner(this::engineFor);
      stages.put("compare", (System.nanoTime() - s0) / 1_000_000);
      CheckResult result = runner.check(migrations, new CheckOptions(null, comparison));
      stages.putAll(runner.timings().millis());
      s0 = System.nanoTime();
      StringWriter report = new StringWriter();
      new MarkdownReporter(links).write(result, RuleCatalog.bundled().all(), report);
      stages.put("report", (System.nanoTime() - s0) / 1_000_000);
      lastTimings = stages;
      Summary summary = Summary.of(result);
      Map<String, Integer> byRule = new TreeMap<>();
      for (Finding f : result.findings()) {
        if (!f.waived()) {
          byRule.merge(f.rule(), 1, Integer::sum);
        }
      }
      requireIntact(work);
      List<Verdict.ReportedFinding> listed =
          result.findings().stream()
              .filter(f -> !f.waived())
              .sorted(
                  Comparator.comparing((Finding f) -> f.severity().ordinal())
                      .thenComparing(f -> String.valueOf(f.path()))
                      .thenComparingInt(Finding::line))
              .limit(Verdict.MAX_FINDINGS)
              .map(
                  f ->
                      new Verdict.ReportedFinding(
                          f.rule(),
                          f.severity().id(),
                          f.path(),
                          f.line(),
                          f.message(),
                          f.hint(),
                          links.ruleUrl(f.rule(), RuleCatalog.bundled().all())))
              .toList();
      String state = result.failed() ? Verdict.FAILURE : Verdict.SUCCESS;
      String scope = base == null ? "" : ", compared with " + baseName;
      return new Verdict(
          head.name(),
          baseName,
          comparison == null ? null : comparison.mergeBaseId(),
          policyHash,
          state,
          Verdict.shorten(summary.line() + scope),
          summary.errors(),
          summary.warnings(),
          summary.info(),
          summary.waived(),
          summary.files(),
          byRule,
          report.toString(),
          now(),
          millisSince(t0),
          listed);
    } catch (IOException | UncheckedIOException e) {
      throw unavailable(work, "git or file error: " + WatchLog.describe(e), e);
    } catch (RuntimeException e) {
      // RepositoryException, CheckException, PolicyException: input problems that name the file,
      // unless an I/O error is their cause or the scratch tree was changed under the check.
      if (ioCause(e) || !intact(work)) {
        throw unavailable(
            work,
            (intact(work)
                    ? "git or file error: "
                    : "the scratch folder "
                        + work
                        + " was changed by something else during the check: ")
                + WatchLog.describe(e),
            e);
      }
      return error(head, baseName, null, policyHash, t0, WatchLog.describe(e));
    }
  }

  /**
   * Makes {@code work} this checker's: when its marker is missing or foreign, empties it and writes
   * the marker.
   */
  private void claim(Path work) throws IOException {
    if (intact(work)) {
      return;
    }
    if (Files.exists(work)) {
      deleteQuietly(work);
    }
    onDisk.clear();
    Files.createDirectories(work);
    Files.writeString(work.resolve(MARKER_FILE), token);
  }

  private boolean intact(Path work) {
    try {
      return Files.isRegularFile(work.resolve(MARKER_FILE))
          && Files.readString(work.resolve(MARKER_FILE)).equals(token);
    } catch (IOException e) {
      return false;
    }
  }

  private void requireIntact(Path work) throws IOException {
    if (!intact(work)) {
      throw new IOException(
          "the scratch folder " + work + " was changed by something else during the check");
    }
  }

  private CheckUnavailableException unavailable(Path work, String message, Throwable cause) {
    // What is on disk is no longer known: the next check writes the tree again.
    deleteQuietly(work);
    onDisk.clear();
    return new CheckUnavailableException(message, cause);
  }

  /** An I/O error (not a decoding error, which is about the file) anywhere in the cause chain. */
  static boolean ioCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException && !(c instanceof java.nio.charset.CharacterCodingException)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private synchronized PolicyEngine engineFor(PolicySettings settings) {
    if (settings.custom().isEmpty()) {
      try {
        return bundled.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    // Custom policies come from the checked commit: built for this check only.
    PolicyEngine.Builder builder = PolicyEngine.builder();
    for (Path p : settings.custom()) {
      builder.add(PolicySource.user(p, null));
    }
    return builder.build();
  }

  private Verdict error(
      ObjectId head,
      String baseName,
      String mergeBase,
      String policyHash,
      long t0,
      String message) {
    String report =
        MarkdownReporter.MARKER
            + "\n## ⚠️ schemagate could not check this commit\n\n"
            + "Commit `"
            + head.name()
            + "`"
            + (baseName == null ? "" : " against `" + baseName + "`")
            + ":\n\n"
            + "```\n"
            + message.replace("```", "'''")
            + "\n```\n";
    return new Verdict(
        head.name(),
        baseName,
        mergeBase,
        policyHash,
        Verdict.ERROR,
        Verdict.shorten("cannot check: " + message),
        0,
        0,
        0,
        0,
        0,
        Map.of(),
        report,
        now(),
        millisSince(t0),
        List.of());
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static String bytes(long n) {
    if (n >= 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    if (n >= 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return n + " bytes";
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // the next start empties the scratch folder
                }
              });
    } catch (IOException ignored) {
      // same
    }
  }

  /** Removes what an earlier run left in the scratch folder (its content is not known). */
  public synchronized void clearScratch() {
    if (Files.isDirectory(scratch)) {
      deleteQuietly(scratch);
    }
    onDisk.clear();
  }
}
