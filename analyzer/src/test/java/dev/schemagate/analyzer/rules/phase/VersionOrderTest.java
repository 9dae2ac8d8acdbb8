package dev.schemagate.analyzer.rules.phase;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
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
 * phase/version-order on a real Git repository (docs/rules/phase/version-order.md): main holds
 * versions 1 and 7, a feature branch adds a version.
 */
class VersionOrderTest {

  private static final String RULE = "phase/version-order";

  @TempDir Path dir;
  RuleRepo repo;

  @BeforeEach
  void mainUpToVersion7() {
    repo =
        RuleRepo.withTables(dir)
            .gitInit()
            .file(
                "0007_add_note/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n")
            .commit("app@1 and app@7")
            .branch("feature");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void newVersionBelowTheBaseMaximum() {
    repo.file(
            "0006_add_flag/expand.sql",
            "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN flag boolean;\n")
        .file(
            "0006_add_flag/contract.sql",
            "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN flag SET DEFAULT false;\n")
        .commit("app@6");
    CheckResult r = repo.checkAgainst("main");
    assertFiresAt(
        r,
        RULE,
        path("0006_add_flag/expand.sql") + ":1",
        path("0006_add_flag/contract.sql") + ":1");
  }

  @Test
  void newVersionAboveTheBaseMaximumIsTheSafeRewrite() {
    repo.file(
            "0008_add_flag/expand.sql",
            "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN flag boolean;\n")
        .commit("app@8");
    assertSilent(repo.checkAgainst("main"), RULE);
  }

  @Test
  void newPhaseOfAnExistingVersionIsNotANewVersion() {
    repo.file(
            "0007_add_note/contract.sql",
            "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN note SET DEFAULT '';\n")
        .commit("app@7 contract");
    CheckResult r = repo.checkAgainst("main");
    assertSilent(r, RULE);
    assertSilent(r, "phase/applied-file-changed");
  }
}
