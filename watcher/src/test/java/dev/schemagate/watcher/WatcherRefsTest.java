package dev.schemagate.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.state.RefVerdict;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.TestWatcher;
import dev.schemagate.watcher.testsupport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The watcher on a real repository, served over file:// and over git:// (JGit's daemon): pull
 * requests, force pushes, deleted refs, restarts, policy changes, a root in a sub-folder.
 */
class WatcherRefsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void checksEachNewHeadOnceAndFollowsForcePushesAndDeletions(Transport transport)
      throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        Transport.Served served = transport.serve(dir)) {
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit unsafe = git.commit("app@2: index");
      git.push("feature", "refs/pull/7/head");

      Path state = dir.resolve("state");
      TestWatcher t = TestWatcher.create(state, served.url(), Forge.none());
      Watcher.PollReport first = t.watcher.poll();
      assertTrue(first.fetched(), first.fetchError());
      assertEquals(2, first.analyzed().size(), "main and the pull request: " + first.analyzed());
      RefVerdict pr = t.watcher.refs().get("refs/pull/7/head");
      assertEquals(unsafe.name(), pr.commit());
      assertEquals(Verdict.FAILURE, pr.state());
      Verdict v = t.watcher.verdict(unsafe.name()).orElseThrow();
      assertEquals("main", v.base());
      assertEquals(1, v.files(), "only the file the pull request adds is reported");
      assertTrue(
          v.findingsByRule().containsKey("lock/create-index-blocking"),
          v.findingsByRule().toString());
      assertTrue(v.report().startsWith("<!-- schemagate-report -->"), v.report());
      assertEquals(Verdict.SUCCESS, t.watcher.refs().get("refs/heads/main").state());

      Watcher.PollReport second = t.watcher.poll();
      assertEquals(List.of(), second.analyzed(), "nothing new: nothing checked");

      // Force push: the pull request's commit is replaced by a safe one.
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.SAFE_INDEX);
      RevCommit safe = git.amend("app@2: index, concurrently");
      git.push("feature", "refs/pull/7/head");
      Watcher.PollReport third = t.watcher.poll();
      assertEquals(List.of(safe.name()), third.analyzed());
      RefVerdict after = t.watcher.refs().get("refs/pull/7/head");
      assertEquals(safe.name(), after.commit());
      assertEquals(
          Verdict.SUCCESS, after.state(), t.watcher.verdict(safe.name()).orElseThrow().report());

      // A restart on the same state directory checks nothing again.
      t.watcher.close();
      TestWatcher restarted = TestWatcher.create(state, served.url(), Forge.none());
      assertEquals(List.of(), restarted.watcher.poll().analyzed());
      assertEquals(safe.name(), restarted.watcher.refs().get("refs/pull/7/head").commit());

      // The pull request is closed: its ref disappears, and so does its verdict.
      git.deleteRemoteRef("refs/pull/7/head");
      Watcher.PollReport fourth = restarted.watcher.poll();
      assertEquals(List.of("refs/pull/7/head"), fourth.dropped());
      assertFalse(restarted.watcher.refs().containsKey("refs/pull/7/head"));
      assertFalse(Files.readString(state.resolve("refs.json")).contains("refs/pull/7/head"));
      assertTrue(restarted.watcher.refs().containsKey("refs/heads/main"));
      restarted.watcher.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aNewPolicyBundleChecksTheSameCommitsAgain(Transport transport) throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        Transport.Served served = transport.serve(dir)) {
      Path state = dir.resolve("state");
      TestWatcher t =
          TestWatcher.create(
              state,
              served.url(),
              Forge.none(),
              "a".repeat(64),
              1 << 20,
              List.of("refs/pull/*/head"));
      assertEquals(1, t.watcher.poll().analyzed().size());
      assertEquals(0, t.watcher.poll().analyzed().size());
      t.watcher.close();
      TestWatcher other =
          TestWatcher.create(
              state,
              served.url(),
              Forge.none(),
              "b".repeat(64),
              1 << 20,
              List.of("refs/pull/*/head"));
      assertEquals(1, other.watcher.poll().analyzed().size(), "the policy hash changed");
      other.watcher.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aForcePushOnTheProtectedBranchThatRewritesAnAppliedFileFails(Transport transport)
      throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        Transport.Served served = transport.serve(dir)) {
      Path state = dir.resolve("state");
      TestWatcher t = TestWatcher.create(state, served.url(), Forge.none());
      git.write(
          "migrations/app/0002_add_name/expand.sql",
          "ALTER TABLE accounts ADD COLUMN name text;\n");
      git.commit("app@2");
      git.push("main", "refs/heads/main");
      t.watcher.poll();
      // History rewritten: version 2, already on main, is edited in an amended commit.
      git.write(
          "migrations/app/0002_add_name/expand.sql",
          "ALTER TABLE accounts ADD COLUMN full_name text;\n");
      RevCommit rewritten = git.amend("app@2, rewritten");
      git.push("main", "refs/heads/main");
      Watcher.PollReport report = t.watcher.poll();
      assertEquals(List.of(rewritten.name()), report.analyzed());
      Verdict v = t.watcher.verdict(rewritten.name()).orElseThrow();
      assertTrue(v.base().startsWith("main@"), v.base());
      assertTrue(
          v.findingsByRule().containsKey("phase/applied-file-changed"),
          v.findingsByRule() + "\n" + v.report());
      t.watcher.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSchemagateRootInASubFolderAndACustomRefPatternAndBranch(Transport transport)
      throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        Transport.Served served = transport.serve(dir)) {
      git.write("db/schemagate.yaml", "protected_branch: trunk\n" + GitFixture.CONFIG);
      git.write("db/migrations/app/0001_create_accounts/expand.sql", GitFixture.CREATE);
      git.commit("the schema moves to db/");
      git.push("main", "refs/heads/develop");
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("db/migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      git.write(
          "migrations/app/0002_ignored/expand.sql",
          GitFixture.UNSAFE_INDEX); // outside the root: not checked
      RevCommit review = git.commit("app@2 under db/");
      git.push("feature", "refs/heads/review/add-index");

      TestWatcher t =
          TestWatcher.create(
              dir.resolve("state"),
              served.url(),
              Forge.none(),
              "d".repeat(64),
              1 << 20,
              List.of("refs/heads/review/*"),
              "db",
              "develop");
      Watcher.PollReport r = t.watcher.poll();
      assertTrue(r.fetched(), r.fetchError());
      assertEquals(
          List.of("refs/heads/develop", "refs/heads/review/add-index"),
          List.copyOf(t.watcher.refs().keySet()));
      Verdict v = t.watcher.verdict(review.name()).orElseThrow();
      assertEquals("develop", v.base());
      assertEquals(Verdict.FAILURE, v.state(), v.report());
      assertEquals(1, v.files(), v.report());
      assertTrue(v.report().contains("migrations/app/0002_index_email/expand.sql"), v.report());
      t.watcher.close();
    }
  }

  @org.junit.jupiter.api.Test
  void aPullRequestThatDeletesAnAppliedFileIsToldItWasDeleted() throws Exception {
    try (GitFixture git = GitFixture.create(dir)) {
      git.write(
          "migrations/app/0002_more/expand.sql", "CREATE TABLE more (id bigint PRIMARY KEY);\n");
      git.commit("app@2");
      git.push("main", "refs/heads/main");
      git.branch("feature", "main");
      git.checkout("feature");
      Files.delete(git.workDir.resolve("migrations/app/0002_more/expand.sql"));
      Files.delete(git.workDir.resolve("migrations/app/0002_more"));
      RevCommit deleting = git.commit("drop app@2's file");
      git.push("feature", "refs/pull/6/head");
      TestWatcher t = TestWatcher.create(dir.resolve("state"), git.url(), Forge.none());
      t.watcher.poll();
      Verdict v = t.watcher.verdict(deleting.name()).orElseThrow();
      assertEquals(Verdict.FAILURE, v.state(), v.report());
      Verdict.ReportedFinding f = v.findings().get(0);
      assertEquals("phase/applied-file-changed", f.rule());
      assertEquals(
          "migrations/app/0002_more/expand.sql exists on the base branch and was deleted: databases that already"
              + " applied it keep its effects while the repository no longer shows them, so environments diverge",
          f.message());
      assertFalse(v.report().contains("was modified"), v.report());
      t.watcher.close();
    }
  }
}
