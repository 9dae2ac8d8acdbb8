package dev.schemagate.watcher;

import dev.schemagate.watcher.analysis.CommitChecker;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.forge.ForgeException;
import dev.schemagate.watcher.git.RemoteMirror;
import dev.schemagate.watcher.http.Metrics;
import dev.schemagate.watcher.state.RefVerdict;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.state.VerdictStore;
import java.io.IOException;
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
 * The poll loop: fetch the followed refs into the mirror, check every head not yet checked with
 * the current policies, store the verdict, tell the forge, and forget refs the remote deleted.
 *
 * <p>A pull-request head is checked against its merge base with the protected branch, as {@code
 * schemagate check --base <protected branch>} would in a clone. The protected branch itself is
 * checked for what a push changed: against the merge base with the head seen before (so a force
 * push that rewrites applied files is caught), or its first parent when no earlier head is known.
 *
 * <p>Only {@link #poll} changes state, from one thread; the HTTP side reads snapshots.
 */
public final class Watcher implements AutoCloseable {

  private final WatchConfig config;
  private final Forge forge;
  private final WatchLog log;
  private final Metrics metrics;
  private final RemoteMirror mirror;
  private final CommitChecker checker;
  private final VerdictStore store;
  private final String policyHash;
  private final List<String> patterns;

  private volatile Map<String, RefVerdict> refs;
  private String protectedBranch;
  private volatile int consecutiveFailures;
  private volatile String lastFetchError;
  private volatile Instant lastFetchOk;
  private volatile Instant lastPoll;

  public Watcher(WatchConfig config, Forge forge, WatchLog log, Metrics metrics, CommitChecker checker, String policyHash) {
    this.config = config;
    this.forge = forge;
    this.log = log;
    this.metrics = metrics;
    this.checker = checker;
    this.policyHash = policyHash;
    this.patterns = config.refPatterns().isEmpty() ? forge.defaultRefPatterns() : config.refPatterns();
    this.mirror = RemoteMirror.open(config.stateDir().resolve("mirror.git"), config.remote(), config.fetchTimeout());
    this.store = new VerdictStore(config.stateDir());
    this.refs = store.loadRefs();
    this.protectedBranch = config.branch();
    checker.clearScratch();
    metrics.followedRefs(() -> refs.size());
  }

  /** What one poll did. */
  public record PollReport(boolean fetched, String fetchError, List<String> analyzed, List<String> published,
      List<String> dropped) {}

  /** One cycle. Never throws: failures are logged, counted and retried at the next poll. */
  public synchronized PollReport poll() {
    metrics.poll();
    lastPoll = Instant.now();
    List<String> analyzed = new ArrayList<>();
    List<String> published = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    Repository repo = mirror.repository();
    try {
      long t0 = System.nanoTime();
      mirror.fetch(RemoteMirror.refSpecs(protectedBranch, patterns));
      String wanted = config.branch() != null ? config.branch() : branchFromRemoteHead();
      if (!wanted.equals(protectedBranch)) {
        log.info("following protected branch " + wanted + (protectedBranch == null ? "" : " (was " + protectedBranch + ")"));
        protectedBranch = wanted;
        mirror.fetch(RemoteMirror.refSpecs(protectedBranch, patterns));
      }
      metrics.fetched((System.nanoTime() - t0) / 1_000_000, Instant.now().getEpochSecond());
    } catch (Exception e) {
      consecutiveFailures++;
      metrics.fetchFailed();
      lastFetchError = log.redactor().redact("fetch from " + config.remote().url() + " failed: " + WatchLog.describe(e));
      log.warn(lastFetchError + " (failure " + consecutiveFailures + " in a row; keeping the last good state, next try in "
          + nextDelay().toSeconds() + " s)");
      return new PollReport(false, lastFetchError, analyzed, published, dropped);
    }
    if (consecutiveFailures > 0) {
      log.info("fetch works again after " + consecutiveFailures + " failure(s)");
    }
    consecutiveFailures = 0;
    lastFetchError = null;
    lastFetchOk = Instant.now();
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
        String ref = e.getKey();
        ObjectId head = e.getValue();
        RefVerdict previous = refs.get(ref);
        if (previous != null && previous.commit().equals(head.name()) && previous.policyHash().equals(policyHash)) {
          next.put(ref, previous.published() ? previous : publish(ref, previous, store.find(head.name(), policyHash), published));
          continue;
        }
        Optional<Verdict> stored = store.find(head.name(), policyHash);
        Verdict verdict;
        if (stored.isPresent()) {
          verdict = stored.get();
        } else {
          verdict = analyze(repo, ref, head, protectedRef, protectedTip, previous);
          store.put(verdict);
          metrics.analyzed(verdict.state(), verdict.findingsByRule(), verdict.analysisMillis());
          analyzed.add(head.name());
          log.info(ref + " @ " + head.name().substring(0, 12) + ": " + verdict.state() + ", " + verdict.description()
              + " (" + verdict.analysisMillis() + " ms)");
        }
        RefVerdict current = new RefVerdict(ref, head.name(), policyHash, verdict.state(), verdict.description(), false,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        next.put(ref, publish(ref, current, Optional.of(verdict), published));
      }
      for (String ref : refs.keySet()) {
        if (!next.containsKey(ref)) {
          dropped.add(ref);
          log.info(ref + " is gone from the remote: its verdict is dropped");
        }
      }
      if (!next.equals(refs)) {
        store.saveRefs(next); // a steady-state poll writes nothing
      }
      refs = next;
    } catch (IOException | RuntimeException e) {
      log.warn("poll failed after the fetch; the last good state is kept", e);
    }
    return new PollReport(true, null, analyzed, published, dropped);
  }

  private String branchFromRemoteHead() throws IOException {
    ObjectId head = mirror.resolve(RemoteMirror.REMOTE_HEAD);
    if (head == null) {
      return protectedBranch != null ? protectedBranch : "main";
    }
    return checker.protectedBranch(mirror.repository(), head);
  }

  private Verdict analyze(Repository repo, String ref, ObjectId head, String protectedRef, ObjectId protectedTip,
      RefVerdict previous) throws IOException {
    if (ref.equals(protectedRef)) {
      ObjectId base = null;
      String baseName = null;
      if (previous != null && !previous.commit().equals(head.name())
          && repo.getObjectDatabase().has(ObjectId.fromString(previous.commit()))) {
        // The earlier tip itself, not the merge base: after a force push its files were applied.
        ObjectId earlier = ObjectId.fromString(previous.commit());
        return checker.checkSince(repo, head, earlier, protectedBranch + "@" + previous.commit().substring(0, 12), policyHash);
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

  private RefVerdict publish(String ref, RefVerdict current, Optional<Verdict> verdict, List<String> published) {
    if (verdict.isEmpty()) {
      return current;
    }
    Verdict v = verdict.get();
    try {
      forge.setStatus(v.commit(), Forge.CommitState.valueOf(v.state().toUpperCase(Locale.ROOT)), v.description(), targetUrl(v.commit()));
      OptionalLong change = forge.changeNumber(ref);
      if (change.isPresent()) {
        forge.upsertComment(change.getAsLong(), v.report());
      }
      metrics.published();
      published.add(ref);
      return current.asPublished();
    } catch (ForgeException e) {
      metrics.forgeFailed();
      log.warn(ref + ": reporting to " + forge.name() + " failed, retried at the next poll: " + e.getMessage());
      return current;
    }
  }

  private String targetUrl(String commit) {
    if (config.publicUrl() == null || config.publicUrl().isBlank()) {
      return null;
    }
    return config.publicUrl().replaceAll("/+$", "") + "/commits/" + commit;
  }

  /** The wait before the next poll: the interval, or after failures a doubling backoff up to the maximum. */
  public Duration nextDelay() {
    if (consecutiveFailures == 0) {
      return config.interval();
    }
    long factor = 1L << Math.min(consecutiveFailures, 20);
    Duration backoff = config.interval().multipliedBy(factor);
    Duration max = config.maxBackoff().compareTo(config.interval()) > 0 ? config.maxBackoff() : config.interval();
    return backoff.compareTo(max) > 0 ? max : backoff;
  }

  /** Polls until interrupted. */
  public void run() {
    log.info("watching " + config.remote().url() + " every " + config.interval().toSeconds() + " s (refs: "
        + (config.branch() == null ? "protected branch from schemagate.yaml" : "refs/heads/" + config.branch())
        + (patterns.isEmpty() ? "" : ", " + String.join(", ", patterns)) + "; forge: " + forge.name() + ")");
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

  /** For /healthz. */
  public record Health(Instant lastPoll, Instant lastFetchOk, int consecutiveFailures, String lastFetchError) {}

  public Health health() {
    return new Health(lastPoll, lastFetchOk, consecutiveFailures, lastFetchError);
  }

  public Repository repository() {
    return mirror.repository();
  }

  @Override
  public void close() {
    mirror.close();
  }
}
