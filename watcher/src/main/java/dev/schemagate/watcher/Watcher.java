package dev.schemagate.watcher;

import dev.schemagate.watcher.analysis.CheckUnavailableException;
import dev.schemagate.watcher.analysis.CommitChecker;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.forge.ForgeException;
import dev.schemagate.watcher.git.RemoteMirror;
import dev.schemagate.watcher.http.Metrics;
import dev.schemagate.watcher.state.RefVerdict;
import dev.schemagate.watcher.state.StateLock;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.state.VerdictStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The poll loop: fetch the followed refs into the mirror, check every head not yet checked with the
 * current policies, store the verdict and serve it at once, then tell the forge, and forget refs
 * the remote deleted.
 *
 * <p>A pull-request head is checked against its merge base with the protected branch, as {@code
 * schemagate check --base <protected branch>} would in a clone. The protected branch itself is
 * checked for what a push changed: against the merge base with the head seen before (so a force
 * push that rewrites applied files is caught), or its first parent when no earlier head is known.
 *
 * <p>Only a finding about a commit is a verdict. What is about the watcher is retried with backoff
 * and shown as such: a failed fetch (the whole poll), a check that could not run ({@link
 * CheckUnavailableException}: that commit, state {@code pending}), a forge that fails or refuses
 * the token (reporting pauses; verdicts are served meanwhile and published when it works again).
 *
 * <p>The watcher holds its state directory ({@link StateLock}) from construction to {@link #close}.
 * Only {@link #poll} changes state, from one thread; the HTTP side reads snapshots.
 */
public final class Watcher implements AutoCloseable {

  /** The state of a ref whose head could not be checked yet (never stored as a verdict). */
  public static final String PENDING = "pending";

  private final WatchConfig config;
  private final Forge forge;
  private final WatchLog log;
  private final Metrics metrics;
  private final Clock clock;
  private final StateLock lock;
  private final RemoteMirror mirror;
  private final CommitChecker checker;
  private final VerdictStore store;
  private final String policyHash;
  private final List<String> patterns;

  /** Heads whose check could not run, by commit: when to try again. */
  private final Map<String, Retry> retries = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile Map<String, RefVerdict> refs;
  private volatile String protectedBranch;
  private volatile int consecutiveFailures;
  private volatile String lastFetchError;
  private volatile Instant lastFetchOk;
  private volatile Instant lastPoll;
  private volatile ForgeStatus forgeStatus;
  private volatile boolean looping;

  public Watcher(
      WatchConfig config,
      Forge forge,
      WatchLog log,
      Metrics metrics,
      CommitChecker checker,
      String policyHash) {
    this(config, forge, log, metrics, checker, policyHash, Clock.systemUTC());
  }

  /**
   * @param clock the time of backoffs and of what is shown ({@code seenAt}, health)
   * @throws StateLock.InUseException when another watcher holds {@code config.stateDir()}
   */
  public Watcher(
      WatchConfig config,
      Forge forge,
      WatchLog log,
      Metrics metrics,
      CommitChecker checker,
      String policyHash,
      Clock clock) {
    this.config = config;
    this.forge = forge;
    this.log = log;
    this.metrics = metrics;
    this.checker = checker;
    this.policyHash = policyHash;
    this.clock = clock;
    this.patterns =
        config.refPatterns().isEmpty() ? forge.defaultRefPatterns() : config.refPatterns();
    this.lock = StateLock.acquire(config.stateDir());
    try {
      this.mirror =
          RemoteMirror.open(
              config.stateDir().resolve("mirror.git"), config.remote(), config.fetchTimeout());
      this.store = new VerdictStore(config.stateDir());
      this.refs = store.loadRefs();
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    this.protectedBranch = config.branch();
    this.forgeStatus = forge.reports() ? ForgeStatus.unknown(forge.name()) : ForgeStatus.none();
    checker.clearScratch();
    metrics.followedRefs(() -> refs.size());
    metrics.gauges(
        () -> refs.values().stream().filter(r -> PENDING.equals(r.state())).count(),
        () ->
            forge.reports()
                ? refs.values().stream()
                    .filter(r -> !r.published() && !PENDING.equals(r.state()))
                    .count()
                : 0,
        () -> forgeStatus.state().equals(ForgeStatus.FAILING) ? 0 : 1);
  }

  /** A head whose check could not run: how often, until when to wait, and why. */
  public record Retry(int attempts, Instant nextAt, String error) {}

  /**
   * The forge side as last seen.
   *
   * @param state {@code none} (no forge), {@code unknown} (nothing sent yet), {@code ok}, {@code
   *     failing}
   * @param lastError the last failure's message (kept after recovery, with its time), or null
   * @param retryAt while failing: when reporting is tried again
   */
  public record ForgeStatus(
      String forge,
      String state,
      Instant lastOk,
      String lastError,
      Instant lastErrorAt,
      int consecutiveFailures,
      Instant retryAt) {
    public static final String NONE = "none";
    public static final String UNKNOWN = "unknown";
    public static final String OK = "ok";
    public static final String FAILING = "failing";

    static ForgeStatus none() {
      return new ForgeStatus("none", NONE, null, null, null, 0, null);
    }

    static ForgeStatus unknown(String forge) {
      return new ForgeStatus(forge, UNKNOWN, null, null, null, 0, null);
    }
  }

  /** What one poll did. */
  public record PollReport(
      boolean fetched,
      String fetchError,
      List<String> analyzed,
      List<String> published,
      List<String> dropped) {}

  /** One cycle. Never throws: failures are logged, counted and retried at a later poll. */
  public synchronized PollReport poll() {
    metrics.poll();
    lastPoll = clock.instant();
    List<String> analyzed = new ArrayList<>();
    List<String> published = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    Repository repo = mirror.repository();
    try {
      long t0 = System.nanoTime();
      mirror.fetch(RemoteMirror.refSpecs(protectedBranch, patterns));
      String wanted = config.branch() != null ? config.branch() : branchFromRemoteHead();
      if (!wanted.equals(protectedBranch)) {
        log.info(
            "following protected branch "
                + wanted
                + (protectedBranch == null ? "" : " (was " + protectedBranch + ")"));
        protectedBranch = wanted;
        mirror.fetch(RemoteMirror.refSpecs(protectedBranch, patterns));
      }
      metrics.fetched((System.nanoTime() - t0) / 1_000_000, clock.instant().getEpochSecond());
    } catch (Exception e) {
      consecutiveFailures++;
      metrics.fetchFailed();
      lastFetchError =
          log.redactor()
              .redact(
                  "fetch from "
                      + config.remote().url()
                      + " failed: "
                      + RemoteMirror.describeFailure(e));
      log.warn(
          lastFetchError
              + " (failure "
              + consecutiveFailures
              + " in a row; keeping the last good state"
              + (looping ? ", next try in " + nextDelay().toSeconds() + " s)" : ")"));
      return new PollReport(false, lastFetchError, analyzed, published, dropped);
    }
    if (consecutiveFailures > 0) {
      log.info("fetch works again after " + consecutiveFailures + " failure(s)");
    }
    consecutiveFailures = 0;
    lastFetchError = null;
    lastFetchOk = clock.instant();
    try {
      String protectedRef = "refs/heads/" + protectedBranch;
      ObjectId protectedTip = mirror.resolve(protectedRef);
      Map<String, ObjectId> followed = new LinkedHashMap<>();
      if (protectedTip != null) {
        followed.put(protectedRef, protectedTip);
      }
      followed.putAll(mirror.refsMatching(patterns));
      Map<String, RefVerdict> next = new LinkedHashMap<>();
      for (Map.Entry<String, ObjectId> e : followed.entrySet()) {
        next.put(
            e.getKey(),
            current(repo, e.getKey(), e.getValue(), protectedRef, protectedTip, analyzed));
      }
      for (String ref : refs.keySet()) {
        if (!next.containsKey(ref)) {
          dropped.add(ref);
          log.info(ref + " is gone from the remote: its verdict is dropped");
        }
      }
      retries.keySet().retainAll(next.values().stream().map(RefVerdict::commit).toList());
      // Served at once; reporting to the forge comes after and may take its time.
      update(next);
      publishPending(published);
    } catch (IOException | RuntimeException e) {
      log.warn("poll failed after the fetch; the last good state is kept", e);
    }
    return new PollReport(true, null, analyzed, published, dropped);
  }

  /**
   * The entry of one followed ref at its current head: checked now, from the store, or waiting for
   * a retry.
   */
  private RefVerdict current(
      Repository repo,
      String ref,
      ObjectId head,
      String protectedRef,
      ObjectId protectedTip,
      List<String> analyzed)
      throws IOException {
    RefVerdict previous = refs.get(ref);
    boolean sameHead = previous != null && previous.commit().equals(head.name());
    if (sameHead
        && previous.policyHash().equals(policyHash)
        && !PENDING.equals(previous.state())
        && (previous.published() || !forge.reports())) {
      return previous; // a steady-state poll reads no verdict file
    }
    String seenAt = sameHead ? previous.seenAt() : now().toString();
    Optional<Verdict> stored = store.find(head.name(), policyHash);
    Verdict verdict;
    if (stored.isPresent()) {
      verdict = stored.get();
    } else {
      Retry retry = retries.get(head.name());
      if (retry != null && clock.instant().isBefore(retry.nextAt())) {
        return pending(ref, head, retry, seenAt);
      }
      try {
        verdict = analyze(repo, ref, head, protectedRef, protectedTip, previous);
      } catch (CheckUnavailableException e) {
        int attempts = retry == null ? 1 : retry.attempts() + 1;
        Duration wait = backoff(attempts);
        Retry next =
            new Retry(attempts, clock.instant().plus(wait), log.redactor().redact(e.getMessage()));
        retries.put(head.name(), next);
        metrics.checkUnavailable();
        log.warn(
            ref
                + " @ "
                + head.name().substring(0, 12)
                + ": could not be checked (attempt "
                + attempts
                + "), not a verdict"
                + " on the commit; retried in "
                + wait.toSeconds()
                + " s: "
                + e.getMessage());
        return pending(ref, head, next, seenAt);
      }
      if (retry != null) {
        log.info(
            ref
                + " @ "
                + head.name().substring(0, 12)
                + ": checked after "
                + retry.attempts()
                + " failed attempt(s)");
      }
      retries.remove(head.name());
      store.put(verdict);
      metrics.analyzed(verdict.state(), verdict.findingsByRule(), verdict.analysisMillis());
      analyzed.add(head.name());
      log.info(
          ref
              + " @ "
              + head.name().substring(0, 12)
              + ": "
              + verdict.state()
              + ", "
              + verdict.description()
              + " ("
              + verdict.analysisMillis()
              + " ms)");
    }
    boolean published =
        sameHead && previous.policyHash().equals(policyHash) && previous.published();
    return new RefVerdict(
        ref, head.name(), policyHash, verdict.state(), verdict.description(), published, seenAt);
  }

  private RefVerdict pending(String ref, ObjectId head, Retry retry, String seenAt) {
    return new RefVerdict(
        ref,
        head.name(),
        policyHash,
        PENDING,
        Verdict.shorten(
            "not checked yet (attempt "
                + retry.attempts()
                + " failed, retried at "
                + retry.nextAt().truncatedTo(ChronoUnit.SECONDS)
                + "): "
                + retry.error()),
        false,
        seenAt);
  }

  /**
   * Reports every served verdict the forge has not been told, unless the forge is failing and its
   * pause runs.
   */
  private void publishPending(List<String> published) {
    if (!forge.reports()) {
      return;
    }
    ForgeStatus f = forgeStatus;
    if (f.state().equals(ForgeStatus.FAILING) && clock.instant().isBefore(f.retryAt())) {
      return;
    }
    for (RefVerdict r : refs.values()) {
      if (r.published() || PENDING.equals(r.state())) {
        continue;
      }
      Optional<Verdict> v = store.find(r.commit(), policyHash);
      if (v.isEmpty()) {
        continue;
      }
      try {
        publish(r.ref(), v.get());
      } catch (ForgeException e) {
        forgeFailed(e);
        return; // one failure per pause: the next ref would fail the same way
      }
      metrics.published();
      published.add(r.ref());
      Map<String, RefVerdict> next = new LinkedHashMap<>(refs);
      next.put(r.ref(), r.asPublished());
      update(next);
    }
    if (!published.isEmpty()) {
      ForgeStatus old = forgeStatus;
      if (old.state().equals(ForgeStatus.FAILING)) {
        log.info(
            "reporting to "
                + forge.name()
                + " works again after "
                + old.consecutiveFailures()
                + " failure(s)");
      }
      forgeStatus =
          new ForgeStatus(
              forge.name(),
              ForgeStatus.OK,
              clock.instant(),
              old.lastError(),
              old.lastErrorAt(),
              0,
              null);
    }
  }

  private void publish(String ref, Verdict v) throws ForgeException {
    forge.setStatus(
        v.commit(),
        Forge.CommitState.valueOf(v.state().toUpperCase(Locale.ROOT)),
        v.description(),
        targetUrl(v.commit()));
    OptionalLong change = forge.changeNumber(ref);
    if (change.isPresent()) {
      forge.upsertComment(change.getAsLong(), v.report());
    }
  }

  private void forgeFailed(ForgeException e) {
    metrics.forgeFailed();
    ForgeStatus old = forgeStatus;
    int failures = old.consecutiveFailures() + 1;
    Duration wait = backoff(failures);
    Instant retryAt = clock.instant().plus(wait);
    String message = log.redactor().redact(e.getMessage());
    forgeStatus =
        new ForgeStatus(
            forge.name(),
            ForgeStatus.FAILING,
            old.lastOk(),
            message,
            clock.instant(),
            failures,
            retryAt);
    long waiting =
        refs.values().stream().filter(r -> !r.published() && !PENDING.equals(r.state())).count();
    log.warn(
        "reporting to "
            + forge.name()
            + " failed ("
            + failures
            + " in a row; "
            + waiting
            + " verdict(s) served but not reported), next try in "
            + wait.toSeconds()
            + " s: "
            + message);
  }

  private void update(Map<String, RefVerdict> next) {
    if (!next.equals(refs)) {
      store.saveRefs(next); // a steady-state poll writes nothing
    }
    refs = next;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private String branchFromRemoteHead() throws IOException {
    ObjectId head = mirror.resolve(RemoteMirror.REMOTE_HEAD);
    if (head == null) {
      return protectedBranch != null ? protectedBranch : "main";
    }
    return checker.protectedBranch(mirror.repository(), head);
  }

  private Verdict analyze(
      Repository repo,
      String ref,
      ObjectId head,
      String protectedRef,
      ObjectId protectedTip,
      RefVerdict previous)
      throws IOException, CheckUnavailableException {
    if (ref.equals(protectedRef)) {
      ObjectId base = null;
      String baseName = null;
      if (previous != null
          && !previous.commit().equals(head.name())
          && repo.getObjectDatabase().has(ObjectId.fromString(previous.commit()))) {
        // The earlier tip itself, not the merge base: after a force push its files were applied.
        ObjectId earlier = ObjectId.fromString(previous.commit());
        return checker.checkSince(
            repo,
            head,
            earlier,
            protectedBranch + "@" + previous.commit().substring(0, 12),
            policyHash);
      } else {
        try (RevWalk walk = new RevWalk(repo)) {
          RevCommit commit = walk.parseCommit(head);
          if (commit.getParentCount() > 0) {
            base = commit.getParent(0);
            baseName = protectedBranch + "~1";
          }
        }
      }
      return checker.check(repo, head, base, baseName, policyHash);
    }
    if (protectedTip == null) {
      return checker.check(repo, head, null, null, policyHash);
    }
    return checker.check(repo, head, protectedTip, protectedBranch, policyHash);
  }

  private String targetUrl(String commit) {
    if (config.publicUrl() == null || config.publicUrl().isBlank()) {
      return null;
    }
    return config.publicUrl().replaceAll("/+$", "") + "/commits/" + commit;
  }

  /**
   * The wait after {@code failures} failures in a row: the interval doubled each time, at most
   * {@code --max-backoff}.
   */
  private Duration backoff(int failures) {
    long factor = 1L << Math.min(Math.max(failures - 1, 0), 20);
    Duration backoff = config.interval().multipliedBy(factor);
    Duration max =
        config.maxBackoff().compareTo(config.interval()) > 0
            ? config.maxBackoff()
            : config.interval();
    return backoff.compareTo(max) > 0 ? max : backoff;
  }

  /**
   * The wait before the next poll: the interval, or after failures a doubling backoff up to the
   * maximum.
   */
  public Duration nextDelay() {
    if (consecutiveFailures == 0) {
      return config.interval();
    }
    return backoff(consecutiveFailures + 1);
  }

  /** Polls until interrupted. */
  public void run() {
    looping = true;
    log.info(
        "watching "
            + config.remote().url()
            + " every "
            + config.interval().toSeconds()
            + " s (refs: "
            + (config.branch() == null
                ? "protected branch from schemagate.yaml"
                : "refs/heads/" + config.branch())
            + (patterns.isEmpty() ? "" : ", " + String.join(", ", patterns))
            + "; forge: "
            + forge.name()
            + ")");
    while (!Thread.currentThread().isInterrupted()) {
      poll();
      try {
        Thread.sleep(nextDelay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The latest verdict of every followed ref. */
  public Map<String, RefVerdict> refs() {
    return refs;
  }

  public Optional<Verdict> verdict(String commit) {
    return store.find(commit, policyHash).or(() -> store.findAny(commit));
  }

  public String protectedBranch() {
    return protectedBranch;
  }

  /** The repository as shown (never with credentials). */
  public String repositoryUrl() {
    return config.remote().url();
  }

  public WatchConfig config() {
    return config;
  }

  /** The clock of backoffs and of what is shown. */
  public Clock clock() {
    return clock;
  }

  /**
   * For /healthz, /readyz and the page.
   *
   * @param ready the last fetch worked and the forge (if any) is not failing
   */
  public record Health(
      Instant lastPoll,
      Instant lastFetchOk,
      int consecutiveFailures,
      String lastFetchError,
      ForgeStatus forge,
      boolean ready) {}

  public Health health() {
    ForgeStatus f = forgeStatus;
    boolean ready =
        lastFetchOk != null && consecutiveFailures == 0 && !f.state().equals(ForgeStatus.FAILING);
    return new Health(lastPoll, lastFetchOk, consecutiveFailures, lastFetchError, f, ready);
  }

  /** The heads waiting for a retry of their check, by commit. */
  public Map<String, Retry> retries() {
    return Map.copyOf(retries);
  }

  public Repository repository() {
    return mirror.repository();
  }

  @Override
  public void close() {
    try {
      mirror.close();
    } finally {
      lock.close();
    }
  }
}
