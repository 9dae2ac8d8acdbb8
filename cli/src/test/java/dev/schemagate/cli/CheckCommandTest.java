package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.analyzer.policy.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path tmp;

  @Test
  void exampleShopRepositoryPassesWithItsWaiverShown() {
    CliRun run = CliRun.of("check", "--repo", EXAMPLES.resolve("shop").toString(), "--no-color");
    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("waived: "), run.out());
    assertTrue(run.err().isEmpty(), run.err());
  }

  @Test
  void unsafeExampleFailsWithTheRuleEachVersionBreaks() throws Exception {
    CliRun run =
        CliRun.of("check", "--repo", EXAMPLES.resolve("unsafe").toString(), "--format", "json");
    assertEquals(1, run.exitCode(), run.err());
    JsonNode report = JSON.readTree(run.out());
    Set<String> seen = new HashSet<>();
    for (JsonNode f : report.get("findings")) {
      String version = f.get("path").asText().replaceAll(".*/(\\d{4})_.*", "$1");
      seen.add(version + " " + f.get("rule").asText());
    }
    Map<String, String[]> expected =
        Map.of(
            "0002", new String[] {"lock/create-index-blocking"},
            "0003", new String[] {"lock/scan-under-exclusive-lock", "compat/set-not-null-early"},
            "0004", new String[] {"lock/table-rewrite", "compat/change-column-type"},
            "0005", new String[] {"compat/rename-column"},
            "0006", new String[] {"lock/table-rewrite"},
            "0007", new String[] {"lock/foreign-key-validation"},
            "0008", new String[] {"compat/drop-column"},
            "0009", new String[] {"lock/unbatched-dml", "phase/dml-outside-backfill"});
    expected.forEach(
        (version, rules) -> {
          for (String rule : rules) {
            assertTrue(
                seen.contains(version + " " + rule),
                version + " should report " + rule + "; saw " + seen);
          }
        });
    assertFalse(
        seen.stream().anyMatch(s -> s.startsWith("0001 lock/")),
        "creating tables locks nothing live: " + seen);
  }

  /**
   * --policy-input writes what the policies saw: one input per phase file, and the bundled engine
   * evaluating that file again reports exactly the findings of the check.
   */
  @Test
  void policyInputIsWhatThePoliciesSaw() throws Exception {
    Path written = tmp.resolve("out").resolve("input.json");
    CliRun run =
        CliRun.of(
            "check",
            "--repo",
            EXAMPLES.resolve("unsafe").toString(),
            "--format",
            "json",
            "--policy-input",
            written.toString());
    assertEquals(1, run.exitCode(), run.err());
    JsonNode report = JSON.readTree(run.out());
    JsonNode files = JSON.readTree(Files.readString(written)).get("files");
    Set<String> paths = new HashSet<>();
    List<String> fromCheck = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      fromCheck.add(
          f.get("path").asText() + " " + f.get("rule").asText() + " " + f.get("message").asText());
    }
    for (JsonNode s : report.get("statements")) {
      paths.add(s.get("path").asText());
    }
    assertEquals(paths.size(), files.size(), "one input per phase file");
    List<JsonNode> inputs = new ArrayList<>();
    files.forEach(inputs::add);
    var raw = PolicyEngine.bundled().evaluateAll(inputs);
    List<String> fromInput = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String path = inputs.get(i).get("file").get("path").asText();
      raw.get(i).forEach(f -> fromInput.add(path + " " + f.rule() + " " + f.message()));
    }
    Collections.sort(fromCheck);
    Collections.sort(fromInput);
    assertFalse(fromCheck.isEmpty());
    assertEquals(fromCheck, fromInput);
  }

  @Test
  void policyInputToAFileThatCannotBeWrittenIsAUsageError() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("taken"));
    CliRun run =
        CliRun.of(
            "check",
            "--repo",
            EXAMPLES.resolve("shop").toString(),
            "--policy-input",
            dir.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(dir.toString()), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  @Test
  void plainSqlFileWithGarbageIsReportedNotCrashed() throws Exception {
    Path file = tmp.resolve("V1__broken.sql");
    Files.writeString(
        file, "CREATE TABLE t (id bigint);\nFROBNICATE THE DATABASE;\nSELECT $$unterminated\n");
    CliRun run = CliRun.of("check", "--format", "json", file.toString());
    assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err());
    JsonNode report = JSON.readTree(run.out());
    long unparsed = 0;
    for (JsonNode s : report.get("statements")) {
      assertFalse(s.get("kind").asText().isEmpty());
      if (s.get("kind").asText().equals("unparsed")) {
        unparsed++;
      }
    }
    assertEquals(2, unparsed, run.out());
    long findings = 0;
    for (JsonNode f : report.get("findings")) {
      if (f.get("rule").asText().equals("hygiene/unparsed-statement")) {
        findings++;
        assertTrue(f.get("line").asInt() >= 2);
      }
    }
    assertEquals(2, findings, run.out());
  }

  @Test
  void missingPathIsAOneLineUsageError() {
    CliRun run = CliRun.of("check", tmp.resolve("nope.sql").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("schemagate: "), run.err());
    assertTrue(run.err().contains("nope.sql"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void theRolloutSectionIsCheckedWithTheMessagePlanGives() throws Exception {
    java.nio.file.Files.writeString(
        tmp.resolve("schemagate.yaml"),
        """
        protected_branch: main
        tracks:
          app:
            pg_version: 17
        rollout:
          lock_timeout: soon
        """);
    java.nio.file.Files.createDirectories(tmp.resolve("migrations/app/0001_create"));
    java.nio.file.Files.writeString(
        tmp.resolve("migrations/app/0001_create/expand.sql"), "CREATE TABLE t (id int);\n");
    CliRun run = CliRun.of("check", "--repo", tmp.toString());
    assertEquals(2, run.exitCode(), run.err() + run.out());
    String planSays =
        org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () ->
                    dev.schemagate.runner.config.RolloutSettings.of(
                        dev.schemagate.analyzer.repo.MigrationRepository.load(tmp).config()))
            .getMessage();
    assertEquals("schemagate: " + planSays + "\n", run.err());
    assertTrue(planSays.contains("rollout.lock_timeout: \"soon\" is not a duration"), planSays);

    java.nio.file.Files.writeString(
        tmp.resolve("schemagate.yaml"),
        """
        protected_branch: main
        tracks:
          app:
            pg_version: 17
        rollout:
          contract_gate:
            namespace: [1, 2]
        """);
    run = CliRun.of("check", "--repo", tmp.toString());
    assertEquals(2, run.exitCode(), run.err() + run.out());
    assertTrue(
        run.err().startsWith("schemagate: ") && run.err().contains("contract_gate"), run.err());
  }

  @Test
  void syntaxChecksEveryStatementWithPostgresqlsGrammar() throws Exception {
    Path file = tmp.resolve("V1__add.sql");
    java.nio.file.Files.writeString(
        file,
        """
        CREATE TABLE t (id int);
        ALTER TABLE t ADD COLUM x int;
        ALTER TABLE missing ADD COLUMN y int;
        """);
    CliRun plain = CliRun.of("check", "--format", "json", file.toString());
    assertEquals(
        0,
        plain.exitCode(),
        "the recognizer alone takes ADD COLUM x int: " + plain.out() + plain.err());

    CliRun run = CliRun.of("check", "--syntax", "--format", "json", file.toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    com.fasterxml.jackson.databind.JsonNode findings =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("findings");
    List<String> got = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode f : findings) {
      if (f.get("rule").asText().equals("compat/unsupported-syntax")) {
        got.add(f.get("line").asInt() + " " + f.get("message").asText());
      }
    }
    assertEquals(
        List.of(
            "2 ERROR: syntax error at or near \"int\": PostgreSQL 17 rejects this statement, so the phase"
                + " fails when it runs"),
        got,
        run.out());
    assertEquals("schemagate: PostgreSQL's grammar checked 3 statement(s)\n", run.err());
  }

  @Test
  void folderWithoutConfigAndNoPathsIsAUsageError() {
    CliRun run = CliRun.of("check", "--repo", tmp.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("schemagate.yaml not found"), run.err());
  }

  @Test
  void unknownFormatAndUnsupportedVersionAreUsageErrors() throws Exception {
    Path file = tmp.resolve("a.sql");
    Files.writeString(file, "SELECT 1;\n");
    CliRun format = CliRun.of("check", "--format", "xml", file.toString());
    assertEquals(2, format.exitCode());
    assertTrue(format.err().contains("unknown output format 'xml'"), format.err());
    CliRun version = CliRun.of("check", "--pg-version", "12", file.toString());
    assertEquals(2, version.exitCode());
    assertTrue(version.err().contains("--pg-version 12"), version.err());
  }

  @Test
  void sarifOutputIsSarif210() throws Exception {
    CliRun run =
        CliRun.of("check", "--repo", EXAMPLES.resolve("unsafe").toString(), "--format", "sarif");
    assertEquals(1, run.exitCode(), run.err());
    JsonNode sarif = JSON.readTree(run.out());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertTrue(sarif.get("runs").get(0).get("results").size() > 0);
  }

  @Test
  void fixRewritesTheFileAndTheSecondRunIsClean() throws Exception {
    Path file = tmp.resolve("001_index.sql");
    Files.writeString(
        file,
        "SET lock_timeout = '5s';\nCREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
    Path second = tmp.resolve("002_index.sql");
    // Run outside a transaction by its tool (postgres-migrations): CONCURRENTLY can run there.
    Files.writeString(
        second,
        "-- postgres-migrations disable-transaction\nSET lock_timeout = '5s';\n"
            + "CREATE INDEX accounts_email_idx ON accounts (email);\n");
    CliRun before = CliRun.of("check", "--format", "json", file.toString(), second.toString());
    assertTrue(before.out().contains("lock/create-index-blocking"), before.out());
    CliRun fixed =
        CliRun.of("check", "--fix", "--format", "json", file.toString(), second.toString());
    String text = Files.readString(second);
    assertTrue(text.contains("CREATE INDEX CONCURRENTLY accounts_email_idx"), text);
    assertTrue(
        text.startsWith("-- postgres-migrations disable-transaction\nSET lock_timeout = '5s';\n"),
        text);
    assertFalse(fixed.out().contains("lock/create-index-blocking"), fixed.out());
    assertEquals(0, fixed.exitCode(), fixed.err() + fixed.out());
    CliRun again = CliRun.of("check", "--fix", file.toString(), second.toString());
    assertEquals(text, Files.readString(second), "a second --fix changes nothing");
    assertTrue(again.err().contains("fixed 0 file(s)"), again.err());
  }

  @Test
  void fixSaysHowManyRewritesItRefused() throws Exception {
    Path first = tmp.resolve("001_table.sql");
    Files.writeString(first, "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
    Path second = tmp.resolve("002_index.sql");
    // golang-migrate and Flyway run this file as one transaction, in which CONCURRENTLY cannot run.
    String text =
        "ALTER TABLE accounts ADD COLUMN name text;\nCREATE INDEX accounts_email_idx ON accounts (email);\n";
    Files.writeString(second, text);
    CliRun fixed = CliRun.of("check", "--fix", first.toString(), second.toString());
    assertTrue(
        fixed.err().contains("; 1 rewrite(s) refused because they would not run there"),
        fixed.err());
    assertTrue(fixed.out().contains("no fix: not rewritten with CONCURRENTLY"), fixed.out());
    assertTrue(
        Files.readString(second).endsWith("CREATE INDEX accounts_email_idx ON accounts (email);\n"),
        Files.readString(second));
    assertEquals(1, fixed.exitCode(), fixed.err() + fixed.out());
  }
}
