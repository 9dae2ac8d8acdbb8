package dev.schemagate.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.watcher.analysis.CommitChecker;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.state.StateLock;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.MutableClock;
import dev.schemagate.watcher.testsupport.TestWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's bug: a second process on the same state directory emptied {@code <state-dir>/scratch}
 * while the running checker believed it still held the last commit's files, and the next pull
 * request got an {@code error} verdict, stored for good. Now the state directory is locked, the
 * checker notices a scratch folder changed behind its back, and a check that cannot run for a
 * reason about the watcher is retried with backoff, never a verdict.
 */
class WatcherScratchTest {

  @TempDir Path dir;

  @Test
  void aScratchFolderEmptiedBehindTheCheckersBackDoesNotBecomeAVerdict() throws Exception {
    try (GitFixture git = GitFixture.create(dir)) {
      git.branch("feature", "main");
      git.checkout("feature");
      git.write(
          "migrations/app/0002_more/expand.sql", "CREATE TABLE more (id bigint PRIMARY KEY);\n");
      git.commit("app@2");
      git.push("feature", "refs/pull/1/head");
      Path state = dir.resolve("state");
      TestWatcher t = TestWatcher.create(state, git.url(), Forge.none());
      assertEquals(2, t.watcher.poll().analyzed().size());
      assertEquals(Verdict.SUCCESS, t.watcher.refs().get("refs/pull/1/head").state());

      // What a second process's start did: empty the scratch folder the running checker uses.
      new CommitChecker(
              state.resolve("scratch"),
              "",
              CommitChecker.DEFAULT_MAX_FILE_BYTES,
              DocLinks.defaults())
          .clearScratch();

      git.write("migrations/app/0003_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit unsafe = git.commit("app@3");
      git.push("feature", "refs/pull/2/head");
      t.watcher.poll();
      Verdict v = t.watcher.verdict(unsafe.name()).orElseThrow();
      assertEquals(Verdict.FAILURE, v.state(), v.description());
      assertEquals(1, v.findingsByRule().get("lock/create-index-blocking"), v.report());
      assertEquals(1, v.errors(), v.report());
      t.watcher.close();
    }
  }

  @Test
  void aSecondWatcherOnTheSameStateDirectoryRefusesToStartAndTheFirstGoesOn() throws Exception {
    try (GitFixture git = GitFixture.create(dir)) {
      Path state = dir.resolve("state");
      TestWatcher first = TestWatcher.create(state, git.url(), Forge.none());
      assertEquals(1, first.watcher.poll().analyzed().size());
      StateLock.InUseException refused =
          assertThrows(
              StateLock.InUseException.class,
              () -> TestWatcher.create(state, git.url(), Forge.none()));
      assertEquals(
          "state directory "
              + state
              + " is in use by another schemagate watch (pid "
              + ProcessHandle.current().pid()
              + ", started "
              + first.watcher.health().lastPoll().toString().substring(0, 10),
          refused
              .getMessage()
              .substring(
                  0, refused.getMessage().indexOf('T', refused.getMessage().indexOf("started"))));
      assertTrue(
          refused.getMessage().endsWith("); stop that one, or give this one its own --state-dir"),
          refused.getMessage());

      // The refused one touched nothing: the first checks the next pull request correctly.
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit unsafe = git.commit("app@2");
      git.push("feature", "refs/pull/4/head");
      assertEquals(java.util.List.of(unsafe.name()), first.watcher.poll().analyzed());
      assertEquals(Verdict.FAILURE, first.watcher.refs().get("refs/pull/4/head").state());
      first.watcher.close();

      // Once the first has stopped, the directory is free.
      TestWatcher second = TestWatcher.create(state, git.url(), Forge.none());
      assertEquals(java.util.List.of(), second.watcher.poll().analyzed());
      second.watcher.close();
    }
  }

  @Test
  void aCheckThatCannotRunIsRetriedWithBackoffAndNeverStoredAsAVerdict() throws Exception {
    try (GitFixture git = GitFixture.create(dir)) {
      Path state = dir.resolve("state");
      MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
      TestWatcher t = TestWatcher.create(state, git.url(), Forge.none(), clock);
      assertEquals(1, t.watcher.poll().analyzed().size());

      // The failure, injected: the scratch folder cannot be created (a file stands where it goes).
      deleteTree(state.resolve("scratch"));
      Files.writeString(state.resolve("scratch"), "in the way\n");
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit unsafe = git.commit("app@2");
      git.push("feature", "refs/pull/5/head");

      Watcher.PollReport failed = t.watcher.poll();
      assertEquals(java.util.List.of(), failed.analyzed());
      var pending = t.watcher.refs().get("refs/pull/5/head");
      assertEquals(Watcher.PENDING, pending.state());
      assertTrue(
          pending
              .description()
              .startsWith(
                  "not checked yet (attempt 1 failed, retried at 2026-12-07T10:00:01Z): "
                      + "git or file error: "),
          pending.description());
      assertTrue(t.watcher.verdict(unsafe.name()).isEmpty(), "nothing stored for the commit");
      assertTrue(t.metrics.render().contains("schemagate_watch_checks_unavailable_total 1\n"));
      assertTrue(t.metrics.render().contains("schemagate_watch_checks_waiting 1\n"));
      assertTrue(
          t.log
              .toString()
              .contains(
                  "refs/pull/5/head @ "
                      + unsafe.name().substring(0, 12)
                      + ": could not be checked (attempt 1), not a verdict on the commit; retried in 1 s"),
          t.log.toString());

      // Not retried before its time; then retried, failing again: the wait doubles.
      t.watcher.poll();
      assertEquals(1, t.watcher.retries().get(unsafe.name()).attempts());
      clock.advance(Duration.ofSeconds(1));
      t.watcher.poll();
      assertEquals(2, t.watcher.retries().get(unsafe.name()).attempts());
      assertEquals(clock.instant().plusSeconds(2), t.watcher.retries().get(unsafe.name()).nextAt());

      // The disk is fixed: the next retry gives the commit's own verdict.
      Files.delete(state.resolve("scratch"));
      clock.advance(Duration.ofSeconds(2));
      assertEquals(java.util.List.of(unsafe.name()), t.watcher.poll().analyzed());
      assertEquals(Verdict.FAILURE, t.watcher.refs().get("refs/pull/5/head").state());
      assertEquals(
          1,
          t.watcher
              .verdict(unsafe.name())
              .orElseThrow()
              .findingsByRule()
              .get("lock/create-index-blocking"));
      assertTrue(t.watcher.retries().isEmpty());
      assertFalse(t.metrics.render().contains("schemagate_watch_checks_waiting 1\n"));
      t.watcher.close();
    }
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    try (var walk = Files.walk(p)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
