package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BaseComparison#ofCommits} and {@link BaseComparison#againstCommit}: two commits, no work
 * tree.
 */
class BaseComparisonCommitsTest {

  private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.com");

  @TempDir Path dir;

  private RevCommit commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).setSign(false).call();
  }

  @Test
  void comparesAHeadWithItsMergeBaseOrWithAnEarlierTipItself() throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      TempFiles files = new TempFiles(work);
      files.write("db/schemagate.yaml", "tracks:\n  orders:\n    pg_version: 17\n");
      files.write(
          "db/migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id bigint);\n");
      files.write(
          "db/migrations/orders/0002_status/expand.sql",
          "ALTER TABLE orders ADD COLUMN status text;\n");
      files.write("README.md", "outside the schemagate root\n");
      RevCommit base = commit(git, "1 and 2");
      git.checkout().setCreateBranch(true).setName("feature").call();
      files.write(
          "db/migrations/orders/0003_note/expand.sql",
          "ALTER TABLE orders ADD COLUMN note text;\n");
      Files.delete(work.resolve("db/migrations/orders/0002_status/expand.sql"));
      files.write("README.md", "changed, but outside the root\n");
      RevCommit feature = commit(git, "3, 2 removed");
      git.checkout().setName("main").call();
      files.write(
          "db/migrations/orders/0001_create/expand.sql",
          "CREATE TABLE orders (id bigint, x int);\n");
      RevCommit mainLater = commit(git, "1 edited on main");

      // The checked-out files of the feature head, as a service would write them from Git objects.
      Path root = dir.resolve("checkout");
      new TempFiles(root)
          .write("migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id bigint);\n");
      new TempFiles(root)
          .write(
              "migrations/orders/0003_note/expand.sql",
              "ALTER TABLE orders ADD COLUMN note text;\n");

      BaseComparison viaMergeBase =
          BaseComparison.ofCommits(git.getRepository(), feature, mainLater, "main", "db", root);
      assertEquals(base.name(), viaMergeBase.mergeBaseId());
      assertEquals(
          Set.of(
              "migrations/orders/0002_status/expand.sql", "migrations/orders/0003_note/expand.sql"),
          viaMergeBase.changedFiles(),
          "main's later edit of version 1 is not the feature's change");
      assertEquals(Set.of("migrations/orders/0002_status/expand.sql"), viaMergeBase.removedFiles());
      assertTrue(viaMergeBase.isChanged(root.resolve("migrations/orders/0003_note/expand.sql")));

      BaseComparison direct =
          BaseComparison.againstCommit(
              git.getRepository(), feature, mainLater, "main", "db/", root);
      assertEquals(mainLater.name(), direct.mergeBaseId());
      assertTrue(
          direct.changedFiles().contains("migrations/orders/0001_create/expand.sql"),
          direct.changedFiles().toString());

      try (Git other =
          Git.init().setDirectory(dir.resolve("other").toFile()).setInitialBranch("main").call()) {
        new TempFiles(dir.resolve("other")).write("x.txt", "unrelated\n");
        RevCommit unrelated = commit(other, "unrelated");
        RepositoryException e =
            assertThrows(
                RepositoryException.class,
                () ->
                    BaseComparison.ofCommits(
                        git.getRepository(), feature, unrelated, "main", "db", root));
        assertTrue(e.getMessage().contains("is missing from the repository"), e.getMessage());
      }
    }
  }
}
