package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.analyzer.policy.OpaCli;
import dev.schemagate.analyzer.policy.PolicyEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 §1 on the command line: a policy that fails at run time on one file (OPA's {@code var
 * assignment conflict}) gives that file an error-level finding, every other file is still checked,
 * and {@code check} exits 1 (findings), not 2 (the whole run failed).
 */
class CheckPolicyRuntimeErrorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Wrong on purpose: one value per kind of action in the file, a conflict once a file has two
   * kinds.
   */
  private static final String BROKEN =
      """
      package schemagate

      action_kind := a.kind if {
      	some s in input.statements
      	some a in s.actions
      }

      findings contains {"rule": "custom/action-kind", "severity": "info", "statement": s.index,
      	"message": concat("", ["alters with ", action_kind]), "hint": ""} if {
      	some s in input.statements
      	count(s.actions) > 0
      }

      batch_findings := [fs |
      	some file in input.files
      	fs := findings with input as file
      ]
      """;

  @TempDir Path repo;

  @Test
  void aPolicyRuntimeErrorIsAFindingOfItsFileAndTheExitCodeIsOne() throws Exception {
    Path src = Files.createDirectories(repo.resolve("broken-src"));
    Files.writeString(src.resolve("broken.rego"), BROKEN);
    opa().buildWasm(List.of(src), "schemagate/findings", repo.resolve("broken.tar.gz"));
    Files.writeString(
        repo.resolve("schemagate.yaml"),
        """
        policy:
          custom: [broken.tar.gz]
        tracks:
          app:
            folder: migrations/app
            pg_version: 17
        """);
    write("0001_create/expand.sql", "CREATE TABLE t (a int, b int);\n");
    write(
        "0002_require/contract.sql",
        """
        SET lock_timeout = '2s';
        ALTER TABLE t ADD COLUMN c int;
        ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL;
        """);
    write("0003_more/expand.sql", "SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN d int;\n");

    CliRun run = CliRun.of("check", "--repo", repo.toString(), "--format", "json");

    assertEquals(1, run.exitCode(), run.err() + run.out());
    List<String> seen = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out()).get("findings")) {
      seen.add(
          f.get("path").asText().replace("migrations/app/", "")
              + ":"
              + f.get("line").asInt()
              + " "
              + f.get("rule").asText()
              + " "
              + f.get("severity").asText());
    }
    assertTrue(
        seen.contains(
            "0002_require/contract.sql:3 " + PolicyEngine.EVALUATION_ERROR_RULE + " error"),
        seen.toString());
    assertTrue(
        seen.contains("0002_require/contract.sql:3 lock/scan-under-exclusive-lock error"),
        "the bundled policy still checks the failing statement: " + seen);
    assertTrue(
        seen.contains("0001_create/expand.sql:1 custom/action-kind info")
            && seen.contains("0003_more/expand.sql:2 custom/action-kind info"),
        "the other files still checked: " + seen);
  }

  private void write(String versionAndPhase, String sql) throws Exception {
    Path file = repo.resolve("migrations/app").resolve(versionAndPhase);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sql);
  }

  private static OpaCli opa() throws Exception {
    Process p =
        new ProcessBuilder("bash", "../scripts/install-opa.sh")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), "scripts/install-opa.sh failed");
    return new OpaCli(Path.of(path));
  }
}
