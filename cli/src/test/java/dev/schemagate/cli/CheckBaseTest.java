package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --base}: a real Git repository with a protected main branch and a feature branch.
 */
class CheckBaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Set<String> findings(CliRun run) throws Exception {
    Set<String> out = new TreeSet<>();
    for (JsonNode f : JSON.readTree(run.out()).get("findings")) {
      out.add(f.get("path").asText() + " " + f.get("rule").asText());
    }
    return out;
  }

  @Test
  void reportsOnlyWhatChangedSinceTheMergeBaseAndTheRulesThatNeedIt() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("schemagate.yaml", "tracks:\n  app:\n    folder: migrations/app\n    pg_version: 17\n");
      write(
          "migrations/app/0001_init/expand.sql",
          "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
      // Already merged, already unsafe: not this change's business.
      write(
          "migrations/app/0003_email_index/expand.sql",
          "CREATE INDEX accounts_email_idx ON accounts (email);\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setSign(false).call();
      git.checkout().setCreateBranch(true).setName("feature").call();
      write(
          "migrations/app/0001_init/expand.sql",
          "CREATE TABLE accounts (id bigint PRIMARY KEY, email text, name text);\n");
      write("migrations/app/0002_late/expand.sql", "ALTER TABLE accounts ADD COLUMN note text;\n");
      write(
          "migrations/app/0004_rename/expand.sql",
          "ALTER TABLE accounts RENAME COLUMN email TO mail;\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feature").setSign(false).call();
    }
    CliRun run = CliRun.of("check", "--repo", dir.toString(), "--base", "main", "--format", "json");
    assertEquals(1, run.exitCode(), run.err());
    Set<String> seen = findings(run);
    assertTrue(
        seen.contains("migrations/app/0001_init/expand.sql phase/applied-file-changed"),
        seen.toString());
    assertTrue(
        seen.contains("migrations/app/0002_late/expand.sql phase/version-order"), seen.toString());
    assertTrue(
        seen.contains("migrations/app/0004_rename/expand.sql compat/rename-column"),
        seen.toString());
    assertTrue(
        seen.stream().noneMatch(s -> s.startsWith("migrations/app/0003")),
        "unchanged files are not reported: " + seen);

    CliRun all = CliRun.of("check", dir.toString(), "--format", "json");
    assertTrue(
        findings(all)
            .contains("migrations/app/0003_email_index/expand.sql lock/create-index-blocking"),
        "without --base every file is reported, and a folder PATH with schemagate.yaml is the repository");
  }

  @Test
  void deletingAnAppliedPhaseFileIsReported() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("schemagate.yaml", "tracks:\n  app:\n    folder: migrations/app\n    pg_version: 17\n");
      write(
          "migrations/app/0001_init/expand.sql",
          "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
      write("migrations/app/0001_init/contract.sql", "SELECT 1;\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setSign(false).call();
      git.checkout().setCreateBranch(true).setName("feature").call();
      Files.delete(dir.resolve("migrations/app/0001_init/contract.sql"));
      Files.writeString(dir.resolve("notes.sql"), "SELECT 1;\n");
    }
    CliRun run = CliRun.of("check", "--repo", dir.toString(), "--base", "main", "--format", "json");
    assertEquals(1, run.exitCode(), run.err());
    assertEquals(
        Set.of("migrations/app/0001_init/contract.sql phase/applied-file-changed"), findings(run));
  }

  @Test
  void unknownBaseRefIsAUsageError() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("schemagate.yaml", "tracks:\n  app:\n    folder: migrations/app\n    pg_version: 17\n");
      write("migrations/app/0001_init/expand.sql", "CREATE TABLE t (id bigint);\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setSign(false).call();
    }
    CliRun run = CliRun.of("check", "--repo", dir.toString(), "--base", "nosuchbranch");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nosuchbranch"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }
}
