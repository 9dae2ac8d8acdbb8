package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --trace}: the policies judge what PostgreSQL did, not what the model predicts. */
class CheckTraceTest {

  private static List<String> rules(String json) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
      out.add(f.get("path").asText().replaceAll(".*/", "") + " " + f.get("rule").asText());
    }
    return out;
  }

  @Test
  void aRewriteThePostgresSessionAvoidsIsNotReported(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("001.sql"), "CREATE TABLE ev (id int PRIMARY KEY, at timestamp);\n");
    Files.writeString(
        dir.resolve("002.sql"),
        "SET lock_timeout = '2s';\nALTER TABLE ev ALTER COLUMN at TYPE timestamptz;\n");
    CliRun model = CliRun.of("check", "--format", "json", dir.toString());
    CliRun traced = CliRun.of("check", "--trace", "--format", "json", dir.toString());
    assertTrue(rules(model.out()).contains("002.sql lock/table-rewrite"), model.out());
    // timestamp -> timestamptz is binary-coercible when the session TimeZone is UTC, as on the
    // trace server.
    assertTrue(rules(traced.out()).stream().noneMatch(r -> r.startsWith("002.sql")), traced.out());
    for (JsonNode s : new ObjectMapper().readTree(traced.out()).get("statements")) {
      assertTrue(s.get("notes").toString().contains("traced on PostgreSQL"), s.toString());
    }
  }

  @Test
  void whereModelAndServerAgreeTheFindingsAreTheSame() throws Exception {
    CliRun model = CliRun.of("check", "--format", "json", "../examples/unsafe/migrations");
    CliRun traced =
        CliRun.of("check", "--trace", "--format", "json", "../examples/unsafe/migrations");
    assertEquals(model.exitCode(), traced.exitCode(), traced.err());
    assertEquals(rules(model.out()), rules(traced.out()));
  }

  @Test
  void withBaseOnlyTheChangedFilesAreJudgedOnTracedFacts(@TempDir Path dir) throws Exception {
    try (org.eclipse.jgit.api.Git git =
        org.eclipse.jgit.api.Git.init()
            .setDirectory(dir.toFile())
            .setInitialBranch("main")
            .call()) {
      Files.writeString(
          dir.resolve("schemagate.yaml"),
          "tracks:\n  app:\n    folder: migrations\n    pg_version: 17\n");
      Files.createDirectories(dir.resolve("migrations/0001_init"));
      Files.writeString(
          dir.resolve("migrations/0001_init/expand.sql"),
          "CREATE TABLE ev (id int PRIMARY KEY, at timestamp, note varchar(20));\n");
      // Merged already and unsafe: not this change's business.
      Files.createDirectories(dir.resolve("migrations/0002_idx"));
      Files.writeString(
          dir.resolve("migrations/0002_idx/expand.sql"), "CREATE INDEX ev_at ON ev (at);\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setSign(false).call();
      git.checkout().setCreateBranch(true).setName("feature").call();
      Files.createDirectories(dir.resolve("migrations/0003_tz"));
      Files.writeString(
          dir.resolve("migrations/0003_tz/contract.sql"),
          "SET lock_timeout = '2s';\nALTER TABLE ev ALTER COLUMN at TYPE timestamptz;\n"
              + "ALTER TABLE ev ALTER COLUMN note TYPE varchar(10);\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feature").setSign(false).call();
    }
    CliRun model =
        CliRun.of("check", "--repo", dir.toString(), "--base", "main", "--format", "json");
    CliRun traced =
        CliRun.of(
            "check", "--repo", dir.toString(), "--base", "main", "--trace", "--format", "json");
    assertEquals(1, traced.exitCode(), traced.err());
    List<String> modelRules = rules(model.out());
    List<String> tracedRules = rules(traced.out());
    assertTrue(
        tracedRules.stream().allMatch(r -> r.startsWith("contract.sql")),
        "only the changed file: " + tracedRules);
    // The model cannot know the session time zone, PostgreSQL can; shrinking varchar rewrites on
    // both.
    assertEquals(
        2,
        modelRules.stream().filter(r -> r.equals("contract.sql lock/table-rewrite")).count(),
        model.out());
    assertEquals(
        1,
        tracedRules.stream().filter(r -> r.equals("contract.sql lock/table-rewrite")).count(),
        traced.out());
  }
}
