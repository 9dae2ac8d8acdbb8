package dev.schemagate.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.testsupport.BulkHistory;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.TestWatcher;
import dev.schemagate.watcher.testsupport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Long histories, huge files and binary files in the migrations folder. */
class WatcherLargeInputTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aLongHistoryIsFetchedOnceAndOnlyNewHeadsAreChecked(Transport transport) throws Exception {
    Path remoteDir = dir.resolve("remote.git");
    try (Git remote =
            Git.init()
                .setBare(true)
                .setDirectory(remoteDir.toFile())
                .setInitialBranch("main")
                .call();
        Transport.Served served = transport.serve(dir)) {
      ObjectId main = BulkHistory.write(remote.getRepository(), "refs/heads/main", 5000, 50, null);
      ObjectId pr =
          BulkHistory.write(remote.getRepository(), "refs/pull/1/head", 3, 1, main, 50, " pr1");
      TestWatcher t = TestWatcher.create(dir.resolve("state"), served.url(), Forge.none());
      long t0 = System.nanoTime();
      Watcher.PollReport first = t.watcher.poll();
      System.out.println(
          "first poll of 5000 commits: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertTrue(first.fetched(), first.fetchError());
      assertEquals(
          List.of(main.name(), pr.name()), first.analyzed(), "one check per head, not per commit");
      assertEquals(
          Verdict.SUCCESS,
          t.watcher.refs().get("refs/heads/main").state(),
          t.watcher.verdict(main.name()).orElseThrow().report());
      assertEquals(
          "success",
          t.watcher.refs().get("refs/pull/1/head").state(),
          t.watcher.verdict(pr.name()).orElseThrow().report());
      assertEquals(
          1, t.watcher.verdict(pr.name()).orElseThrow().files(), "the pull request adds one file");
      assertEquals(0, t.watcher.poll().analyzed().size());
      ObjectId pr2 =
          BulkHistory.write(remote.getRepository(), "refs/pull/2/head", 2, 1, main, 50, " pr2");
      assertEquals(List.of(pr2.name()), t.watcher.poll().analyzed());
      assertEquals(3, t.watcher.refs().size());
      t.watcher.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aHugeFileInTheMigrationsFolderIsAClearErrorNotACrash(Transport transport) throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        Transport.Served served = transport.serve(dir)) {
      git.branch("feature", "main");
      git.checkout("feature");
      byte[] huge = new byte[24 * 1024 * 1024];
      new Random(1).nextBytes(huge);
      git.writeBytes("migrations/app/0002_seed/expand.sql", huge);
      RevCommit commit = git.commit("app@2: a data dump by mistake");
      git.push("feature", "refs/pull/4/head");
      long limit = 1024 * 1024;
      TestWatcher t =
          TestWatcher.create(
              dir.resolve("state"),
              served.url(),
              Forge.none(),
              "c".repeat(64),
              limit,
              List.of("refs/pull/*/head"));
      Runtime rt = Runtime.getRuntime();
      t.watcher.poll();
      Verdict v = t.watcher.verdict(commit.name()).orElseThrow();
      assertEquals(Verdict.ERROR, v.state());
      assertTrue(
          v.description()
              .contains(
                  "migrations/app/0002_seed/expand.sql is 24.0 MiB, above the watcher's limit of 1.0 MiB"),
          v.description());
      assertTrue(
          v.report().contains("migrations/app/0002_seed/expand.sql is 24.0 MiB"), v.report());
      // The blob was not checked out.
      try (Stream<Path> scratch = Files.walk(dir.resolve("state"))) {
        assertTrue(
            scratch
                .filter(Files::isRegularFile)
                .noneMatch(p -> p.endsWith("0002_seed/expand.sql")));
      }
      assertTrue(rt.totalMemory() > 0);
      t.watcher.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aBinaryFileInTheMigrationsFolderIsAClearError(Transport transport) throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        Transport.Served served = transport.serve(dir)) {
      git.branch("feature", "main");
      git.checkout("feature");
      git.writeBytes(
          "migrations/app/0002_blob/expand.sql",
          new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, (byte) 0xfe});
      RevCommit binarySql = git.commit("app@2: binary");
      git.push("feature", "refs/pull/5/head");
      git.branch("pictures", "main");
      git.checkout("pictures");
      git.writeBytes(
          "migrations/app/0003_img/diagram.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
      git.write(
          "migrations/app/0003_img/expand.sql", "CREATE TABLE t3 (id integer PRIMARY KEY);\n");
      RevCommit stray = git.commit("app@3: with a picture");
      git.push("pictures", "refs/pull/6/head");
      TestWatcher t = TestWatcher.create(dir.resolve("state"), served.url(), Forge.none());
      Watcher.PollReport r = t.watcher.poll();
      assertEquals(3, r.analyzed().size());
      Verdict sql = t.watcher.verdict(binarySql.name()).orElseThrow();
      assertEquals(Verdict.ERROR, sql.state());
      assertTrue(
          sql.description().contains("migrations/app/0002_blob/expand.sql: is not valid UTF-8")
              || sql.description()
                  .contains("migrations/app/0002_blob/expand.sql is not valid UTF-8"),
          sql.description());
      Verdict png = t.watcher.verdict(stray.name()).orElseThrow();
      assertEquals(Verdict.ERROR, png.state());
      assertTrue(png.description().contains("diagram.png"), png.description());
      // The watcher carries on: the main branch is still checked and served.
      assertEquals(Verdict.SUCCESS, t.watcher.refs().get("refs/heads/main").state());
      t.watcher.close();
    }
  }
}
