package dev.schemagate.watcher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.watcher.testsupport.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scratch tree follows commits: changed files rewritten, removed files and emptied folders
 * deleted.
 */
class TreeCheckoutTest {

  @TempDir Path dir;

  @Test
  void syncWritesOnlyWhatChangedAndRemovesWhatIsGone() throws Exception {
    try (GitFixture git = GitFixture.create(dir)) {
      git.write("migrations/app/0002_index/expand.sql", GitFixture.UNSAFE_INDEX);
      git.write("docs/unrelated.md", "not checked out\n");
      RevCommit two = git.commit("two versions");
      git.work.rm().addFilepattern("migrations/app/0002_index/expand.sql").call();
      git.write(
          "migrations/app/0001_create_accounts/expand.sql", GitFixture.CREATE + "-- edited\n");
      RevCommit one = git.commit("version 2 removed, version 1 edited");

      Path target = dir.resolve("tree");
      Map<String, ObjectId> onDisk = new HashMap<>();
      List<String> paths = List.of("schemagate.yaml", "migrations/app");
      assertEquals(
          List.of(),
          TreeCheckout.sync(git.work.getRepository(), two, paths, target, 1 << 20, onDisk));
      assertTrue(Files.isRegularFile(target.resolve("migrations/app/0002_index/expand.sql")));
      assertFalse(Files.exists(target.resolve("docs")));
      assertEquals(3, onDisk.size());

      TreeCheckout.sync(git.work.getRepository(), one, paths, target, 1 << 20, onDisk);
      assertFalse(
          Files.exists(target.resolve("migrations/app/0002_index")),
          "the emptied version folder is gone");
      assertTrue(
          Files.readString(target.resolve("migrations/app/0001_create_accounts/expand.sql"))
              .endsWith("-- edited\n"));
      assertEquals(2, onDisk.size());

      List<TreeCheckout.Oversized> big =
          TreeCheckout.sync(git.work.getRepository(), two, paths, target, 10, onDisk);
      assertEquals(3, big.size(), "every file is above 10 bytes: " + big);
      assertFalse(Files.exists(target.resolve("migrations/app/0001_create_accounts/expand.sql")));
    }
  }
}
