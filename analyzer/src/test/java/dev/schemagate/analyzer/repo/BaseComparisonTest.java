package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Git repositories built with JGit: a protected main branch and a feature branch. */
class BaseComparisonTest {

  private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.com");

  @TempDir Path dir;
  TempFiles files;
  Git git;

  @BeforeEach
  void mainBranchWithTwoVersions() throws Exception {
    files = new TempFiles(dir);
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    files.write(".gitignore", "target/\n");
    files.write("schemagate.yaml", "tracks:\n  orders:\n    pg_version: 17\n");
    files.write("migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id bigint);\n");
    files.write(
        "migrations/orders/0002_add_status/expand.sql",
        "ALTER TABLE orders ADD COLUMN status text;\n");
    files.write(
        "migrations/orders/0002_add_status/contract.sql", "ALTER TABLE orders DROP COLUMN old;\n");
    commit("orders@1 and @2");
  }

  @AfterEach
  void close() {
    git.close();
  }

  private RevCommit commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).setSign(false).call();
  }

  private void branch(String name) throws Exception {
    git.checkout().setCreateBranch(true).setName(name).call();
  }

  private void checkout(String name) throws Exception {
    git.checkout().setName(name).call();
  }

  private PhaseFile phase(MigrationRepository repo, int version, PhaseKind kind) {
    return repo.track("orders").version(version).orElseThrow().phase(kind).orElseThrow();
  }

  @Test
  void nothingChangedOnAFreshBranch() throws Exception {
    branch("feature");
    BaseComparison base = BaseComparison.of(dir, "main");
    assertEquals(Set.of(), base.changedFiles());
    MigrationRepository repo = MigrationRepository.load(dir);
    assertEquals(
        new BaseFacts(true, true, false, false, 2),
        base.factsFor(phase(repo, 1, PhaseKind.EXPAND)));
    assertEquals(2, base.maxVersionOnBase(repo.track("orders").config()));
    assertEquals(List.of(), base.newVersions(repo.track("orders")));
    assertEquals(git.getRepository().resolve("main").name(), base.mergeBaseId());
    assertEquals("main", base.baseRef());
  }

  @Test
  void committedEditOfAnAppliedFileAndANewVersion() throws Exception {
    branch("feature");
    files.write(
        "migrations/orders/0001_create/expand.sql",
        "CREATE TABLE orders (id bigint, note text);\n");
    files.write(
        "migrations/orders/0003_index/expand.sql",
        "CREATE INDEX CONCURRENTLY i ON orders (status);\n");
    commit("edit applied file, add orders@3");

    BaseComparison base = BaseComparison.of(dir, "main");
    assertEquals(
        Set.of(
            "migrations/orders/0001_create/expand.sql", "migrations/orders/0003_index/expand.sql"),
        base.changedFiles());
    MigrationRepository repo = MigrationRepository.load(dir);
    assertEquals(
        new BaseFacts(true, true, true, false, 2), base.factsFor(phase(repo, 1, PhaseKind.EXPAND)));
    assertEquals(
        new BaseFacts(true, true, false, false, 2),
        base.factsFor(phase(repo, 2, PhaseKind.EXPAND)));
    assertEquals(
        new BaseFacts(true, false, false, true, 2),
        base.factsFor(phase(repo, 3, PhaseKind.EXPAND)));
    assertEquals(
        List.of(3),
        base.newVersions(repo.track("orders")).stream().map(MigrationVersion::number).toList());
    assertTrue(base.isChanged(Path.of("migrations/orders/0003_index/expand.sql")));
    assertTrue(base.isChanged(dir.resolve("migrations/orders/0001_create/expand.sql")));
    assertFalse(base.isChanged(Path.of("migrations/orders/0002_add_status/expand.sql")));
    assertTrue(base.existedOnBase(Path.of("migrations/orders/0002_add_status/expand.sql")));
    assertFalse(base.existedOnBase(Path.of("migrations/orders/0003_index/expand.sql")));
  }

  @Test
  void versionNumberedBelowTheBaseMaximum() throws Exception {
    branch("feature");
    checkout("main");
    files.write("migrations/orders/0005_later/expand.sql", "SELECT 5;\n");
    commit("orders@5 merged on main");
    checkout("feature");
    git.merge()
        .include(git.getRepository().resolve("main"))
        .setCommit(true)
        .setMessage("merge main")
        .call();
    files.write("migrations/orders/0003_late_branch/expand.sql", "SELECT 3;\n");
    commit("orders@3 written on an old branch");

    BaseComparison base = BaseComparison.of(dir, "main");
    MigrationRepository repo = MigrationRepository.load(dir);
    assertEquals(Set.of(1, 2, 5), base.versionsOnBase(repo.track("orders").config()));
    BaseFacts facts = base.factsFor(phase(repo, 3, PhaseKind.EXPAND));
    assertTrue(facts.newVersion());
    assertEquals(5, facts.maxVersionOnBase(), "phase/version-order: 3 is below 5");
    assertFalse(base.factsFor(phase(repo, 5, PhaseKind.EXPAND)).newVersion());
  }

  @Test
  void theMergeBaseCountsNotTheTipOfTheBaseBranch() throws Exception {
    branch("feature");
    files.write("migrations/orders/0003_feature/expand.sql", "SELECT 3;\n");
    commit("orders@3 on the feature branch");
    checkout("main");
    files.write("migrations/orders/0003_other/expand.sql", "SELECT 'other';\n");
    files.write("migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id int);\n");
    commit("main moves on");
    checkout("feature");

    BaseComparison base = BaseComparison.of(dir, "main");
    assertEquals(
        Set.of("migrations/orders/0003_feature/expand.sql"),
        base.changedFiles(),
        "main's later commits are not the feature branch's changes");
    MigrationRepository repo = MigrationRepository.load(dir);
    assertEquals(2, base.maxVersionOnBase(repo.track("orders").config()));
    assertFalse(base.factsFor(phase(repo, 1, PhaseKind.EXPAND)).appliedFileChanged());
  }

  @Test
  void uncommittedAndUntrackedChangesCount() throws Exception {
    branch("feature");
    files.write(
        "migrations/orders/0002_add_status/contract.sql",
        "ALTER TABLE orders DROP COLUMN older;\n");
    files.write("migrations/orders/0003_new/expand.sql", "SELECT 3;\n");
    files.write("target/ignored.sql", "SELECT 'ignored';\n");

    BaseComparison base = BaseComparison.of(dir, "main");
    assertEquals(
        Set.of(
            "migrations/orders/0002_add_status/contract.sql",
            "migrations/orders/0003_new/expand.sql"),
        base.changedFiles());
    MigrationRepository repo = MigrationRepository.load(dir);
    assertTrue(base.factsFor(phase(repo, 2, PhaseKind.CONTRACT)).appliedFileChanged());
    assertTrue(base.factsFor(phase(repo, 3, PhaseKind.EXPAND)).newVersion());
  }

  @Test
  void anEditRevertedBeforeCommittingIsNoChange() throws Exception {
    branch("feature");
    files.write("migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id int);\n");
    commit("edit");
    files.write("migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id bigint);\n");
    BaseComparison base = BaseComparison.of(dir, "main");
    assertEquals(Set.of(), base.changedFiles());
    MigrationRepository repo = MigrationRepository.load(dir);
    assertFalse(base.factsFor(phase(repo, 1, PhaseKind.EXPAND)).appliedFileChanged());
  }

  @Test
  void removedAppliedFile() throws Exception {
    branch("feature");
    files.delete("migrations/orders/0002_add_status/contract.sql");
    BaseComparison base = BaseComparison.of(dir, "main");
    assertEquals(Set.of("migrations/orders/0002_add_status/contract.sql"), base.removedFiles());
    assertEquals(Set.of("migrations/orders/0002_add_status/contract.sql"), base.changedFiles());
  }

  @Test
  void repositoryInASubFolderOfTheWorkTree() throws Exception {
    files.write("services/shop/schemagate.yaml", "tracks:\n  orders:\n    pg_version: 16\n");
    files.write("services/shop/migrations/orders/0001_a/expand.sql", "SELECT 1;\n");
    files.write("services/shop/migrations/orders/0004_d/expand.sql", "SELECT 4;\n");
    commit("a second schemagate repository in a monorepo");
    branch("feature");
    files.write("services/shop/migrations/orders/0001_a/expand.sql", "SELECT 'changed';\n");
    files.write("services/shop/migrations/orders/0002_b/expand.sql", "SELECT 2;\n");
    files.write("migrations/orders/0003_outside/expand.sql", "SELECT 3;\n");

    Path shop = dir.resolve("services/shop");
    BaseComparison base = BaseComparison.of(shop, "main");
    assertEquals(
        Set.of("migrations/orders/0001_a/expand.sql", "migrations/orders/0002_b/expand.sql"),
        base.changedFiles());
    MigrationRepository repo = MigrationRepository.load(shop);
    assertEquals(
        new BaseFacts(true, true, true, false, 4), base.factsFor(phase(repo, 1, PhaseKind.EXPAND)));
    assertEquals(
        new BaseFacts(true, false, false, true, 4),
        base.factsFor(phase(repo, 2, PhaseKind.EXPAND)));
    assertFalse(
        base.isChanged(dir.resolve("migrations/orders/0003_outside/expand.sql")),
        "outside the root");
  }

  @Test
  void refsResolveLikeGit() throws Exception {
    RevCommit first = git.log().call().iterator().next();
    git.tag()
        .setName("v1")
        .setAnnotated(true)
        .setMessage("release")
        .setTagger(DEV)
        .setSigned(false)
        .call();
    branch("feature");
    files.write("migrations/orders/0003_c/expand.sql", "SELECT 3;\n");
    commit("three");
    for (String ref :
        List.of(
            "main",
            "refs/heads/main",
            "v1",
            first.name(),
            first.name().substring(0, 10),
            "HEAD~1")) {
      assertEquals(first.name(), BaseComparison.of(dir, ref).mergeBaseId(), ref);
    }
  }

  @Test
  void notAGitRepository(@TempDir Path elsewhere) {
    RepositoryException e =
        assertThrows(RepositoryException.class, () -> BaseComparison.of(elsewhere, "main"));
    assertEquals(elsewhere + ": is not inside a git repository; --base needs one", e.getMessage());
  }

  @Test
  void unknownRef() throws Exception {
    RepositoryException e =
        assertThrows(RepositoryException.class, () -> BaseComparison.of(dir, "origin/main"));
    assertEquals(
        dir
            + ": base ref \"origin/main\" not found in the git repository (fetch it, e.g. git fetch origin main)",
        e.getMessage());
    assertThrows(RepositoryException.class, () -> BaseComparison.of(dir, "main..feature"));
  }

  @Test
  void noMergeBase() throws Exception {
    git.checkout().setOrphan(true).setName("unrelated").call();
    git.rm().addFilepattern("migrations").call();
    files.write("migrations/orders/0001_x/expand.sql", "SELECT 1;\n");
    commit("unrelated history");
    RepositoryException e =
        assertThrows(RepositoryException.class, () -> BaseComparison.of(dir, "main"));
    assertTrue(
        e.getMessage().startsWith(dir + ": HEAD and \"main\" have no common ancestor"),
        e.getMessage());
  }

  @Test
  void headWithoutCommit(@TempDir Path fresh) throws Exception {
    try (Git empty = Git.init().setDirectory(fresh.toFile()).setInitialBranch("main").call()) {
      RepositoryException e =
          assertThrows(RepositoryException.class, () -> BaseComparison.of(fresh, "main"));
      assertTrue(e.getMessage().contains("not found"), e.getMessage());
      new TempFiles(fresh).write("a.sql", "SELECT 1;");
      empty.add().addFilepattern(".").call();
      empty.commit().setMessage("one").setAuthor(DEV).setCommitter(DEV).setSign(false).call();
      empty.checkout().setOrphan(true).setName("empty").call();
      RepositoryException orphan =
          assertThrows(RepositoryException.class, () -> BaseComparison.of(fresh, "main"));
      assertEquals(
          fresh + ": HEAD has no commit yet; commit once before using --base", orphan.getMessage());
    }
  }
}
