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
    Files.writeString(dir.resolve("001.sql"), "CREATE TABLE ev (id int PRIMARY KEY, at timestamp);\n");
    Files.writeString(dir.resolve("002.sql"), "SET lock_timeout = '2s';\nALTER TABLE ev ALTER COLUMN at TYPE timestamptz;\n");
    CliRun model = CliRun.of("check", "--format", "json", dir.toString());
    CliRun traced = CliRun.of("check", "--trace", "--format", "json", dir.toString());
    assertTrue(rules(model.out()).contains("002.sql lock/table-rewrite"), model.out());
    // timestamp -> timestamptz is binary-coercible when the session TimeZone is UTC, as on the trace server.
    assertTrue(rules(traced.out()).stream().noneMatch(r -> r.startsWith("002.sql")), traced.out());
    for (JsonNode s : new ObjectMapper().readTree(traced.out()).get("statements")) {
      assertTrue(s.get("notes").toString().contains("traced on PostgreSQL"), s.toString());
    }
  }

  @Test
  void whereModelAndServerAgreeTheFindingsAreTheSame() throws Exception {
    CliRun model = CliRun.of("check", "--format", "json", "../examples/unsafe/migrations");
    CliRun traced = CliRun.of("check", "--trace", "--format", "json", "../examples/unsafe/migrations");
    assertEquals(model.exitCode(), traced.exitCode(), traced.err());
    assertEquals(rules(model.out()), rules(traced.out()));
  }
}
