package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schemagate trace} on real files and a real embedded PostgreSQL. */
class TraceCommandTest {

  @Test
  void tracesTheUnsafeExampleAndAgreesWithTheModel() throws Exception {
    CliRun run =
        CliRun.of(
            "trace",
            "--pg-version",
            "16",
            "--compare",
            "--format",
            "json",
            "../examples/unsafe/migrations");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(16, json.get("pg_version").asInt());
    assertTrue(json.get("summary").get("traced").asInt() >= 10, run.out());
    assertEquals(0, json.get("summary").get("disagreements").asInt(), run.out());
    assertEquals(0, json.get("statements").size(), "--compare lists only statements that differ");
  }

  @Test
  void reportsWhatEachStatementDid() throws Exception {
    CliRun run = CliRun.of("trace", "--pg-version", "17", "../examples/unsafe/migrations");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode statements = new ObjectMapper().readTree(run.out()).get("statements");
    JsonNode volatileDefault = null;
    for (JsonNode s : statements) {
      if (s.get("path").asText().endsWith("0006_add_created_at/expand.sql")) {
        volatileDefault = s;
      }
    }
    assertTrue(volatileDefault != null, run.out());
    assertTrue(volatileDefault.get("rewrite").asBoolean(), volatileDefault.toString());
    assertEquals("public.payments", volatileDefault.get("locks").get(0).get("relation").asText());
    assertEquals("AccessExclusiveLock", volatileDefault.get("locks").get(0).get("mode").asText());
  }

  @Test
  void aFailingStatementIsReportedWithFileAndLineAndTheTraceGoesOn(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("001.sql");
    Files.writeString(
        file,
        """
        CREATE TABLE t (id int PRIMARY KEY);
        ALTER TABLE missing ADD COLUMN x int;
        CREATE INDEX CONCURRENTLY t_id ON t (id);
        """);
    CliRun run = CliRun.of("trace", "--format", "text", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("001.sql:2: ERROR: relation \"missing\" does not exist"), run.err());
    assertTrue(run.out().contains("3 statements traced, 1 failed"), run.out());
    // Outside a transaction block the locks are read at each of the statement's commits: the
    // table's
    // SHARE UPDATE EXCLUSIVE and the new index's ACCESS EXCLUSIVE (from the transaction that
    // creates it),
    // every time, whatever the timing.
    assertTrue(
        run.out()
            .contains(
                "CREATE INDEX CONCURRENTLY t_id ON t (id)\n  locks [public.t ShareUpdateExclusiveLock,"
                    + " public.t_id AccessExclusiveLock], rewrite false, scan true, transactional false"),
        run.out());
  }

  @Test
  void compareSaysWhatDependsOnTheRowsWithoutCountingItAsADisagreement(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("001.sql");
    // Tables created in the file stay empty: the UPDATE writes no row, so no foreign-key check
    // runs.
    Files.writeString(
        file,
        """
        CREATE TABLE parent (id int PRIMARY KEY);
        CREATE TABLE child (id int, parent_id int REFERENCES parent);
        UPDATE child SET parent_id = 1 WHERE id < 10;
        """);
    CliRun run = CliRun.of("trace", "--compare", "--format", "text", file.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out()
            .contains(
                "001.sql:3: UPDATE child SET parent_id = 1 WHERE id < 10\n"
                    + "  ~ lock public.parent: model RowShareLock, PostgreSQL none (depends on the rows: no row was written,"
                    + " so no foreign-key check ran)"),
        run.out());
    assertTrue(
        run.out()
            .contains(
                "0 disagree with the static model, 1 differ only where it depends on the rows,"),
        run.out());
  }

  @Test
  // without the guard each commit waits for the standby until statement_timeout (120 s): fail early
  @org.junit.jupiter.api.Timeout(
      value = 90,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aMigrationThatTurnsSynchronousCommitOnDoesNotWaitForTheTracesPauseStandby(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("001.sql");
    // The trace's server names a standby that never connects; only its lock-reading session may
    // wait for it.
    Files.writeString(
        file,
        """
        SET synchronous_commit = on;
        CREATE TABLE t (id int PRIMARY KEY);
        INSERT INTO t VALUES (1);
        CREATE INDEX CONCURRENTLY t_id ON t (id);
        ALTER TABLE t ADD COLUMN note text;
        """);
    long start = System.nanoTime();
    CliRun run = CliRun.of("trace", "--compare", "--format", "text", file.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("5 statements traced, 0 failed"), run.out());
    assertTrue(System.nanoTime() - start < 60_000_000_000L, "no commit waited for the standby");
  }

  @Test
  void rejectsAVersionOutsideTheRange() {
    CliRun run = CliRun.of("trace", "--pg-version", "13", "x.sql");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--pg-version 13 is not supported"), run.err());
  }
}
