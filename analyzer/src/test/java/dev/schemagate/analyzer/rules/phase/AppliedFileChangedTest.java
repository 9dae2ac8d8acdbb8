package dev.schemagate.analyzer.rules.phase;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * phase/applied-file-changed on a real Git repository (docs/rules/phase/applied-file-changed.md):
 * main holds versions 1 and 2, a feature branch edits or adds files, the check compares with main.
 */
class AppliedFileChangedTest {

  private static final String RULE = "phase/applied-file-changed";
  private static final String V2 = "0002_add_note/expand.sql";

  @TempDir Path dir;
  RuleRepo repo;

  @BeforeEach
  void mainWithTwoVersions() {
    repo =
        RuleRepo.withTables(dir)
            .gitInit()
            .file(V2, "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n")
            .commit("app@1 and app@2")
            .branch("feature");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void editedAppliedFile() {
    repo.file(
            V2,
            "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN note2 text;\n")
        .commit("edit app@2");
    assertFires(repo.checkAgainst("main"), RULE, path(V2), 1);
  }

  @Test
  void deletedAppliedFileIsWordedDeleted() throws Exception {
    java.nio.file.Path file = repo.root().resolve(path(V2));
    java.nio.file.Files.delete(file);
    java.nio.file.Files.delete(file.getParent());
    repo.commit("delete app@2");
    var f = assertFires(repo.checkAgainst("main"), RULE, path(V2), 1);
    org.junit.jupiter.api.Assertions.assertEquals(
        path(V2)
            + " exists on the base branch and was deleted: databases that"
            + " already applied it keep its effects while the repository no longer shows them, so environments diverge",
        f.message());
    org.junit.jupiter.api.Assertions.assertEquals(
        "Restore the file; to undo what it did, write a new version.", f.hint());
  }

  @Test
  void uncommittedEditCountsToo() {
    repo.file(V2, "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN notes text;\n");
    assertFires(repo.checkAgainst("main"), RULE, path(V2), 1);
  }

  @Test
  void changeInANewVersionIsTheSafeRewrite() {
    repo.file(
            "0003_add_note2/expand.sql",
            "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note2 text;\n")
        .commit("app@3");
    CheckResult r = repo.checkAgainst("main");
    assertSilent(r, RULE);
    assertSilent(r, "phase/version-order");
  }

  @Test
  void editRevertedIsNoChange() {
    repo.file(V2, "ALTER TABLE orders ADD COLUMN note text;\n").commit("edit");
    repo.file(V2, "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n")
        .commit("revert");
    assertSilent(repo.checkAgainst("main"), RULE);
  }

  @Test
  void silentWithoutBase() {
    repo.file(V2, "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN notes text;\n");
    assertSilent(repo.check(), RULE);
  }
}
