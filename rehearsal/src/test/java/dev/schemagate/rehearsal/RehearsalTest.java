package dev.schemagate.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof on real PostgreSQL 17 (fsync on), at small scale: a table of 1,000,000 rows
 * rehearsed at scale 0.05 (50,000 rows inserted). The base (version 1) is on main; the change
 * (version 2) on a branch; the rehearsal replays the base with the runner and applies the change
 * under the workload.
 */
class RehearsalTest {

  static final double SCALE = 0.05;

  @TempDir Path dir;

  private GitRepo repo(String budgets) {
    return GitRepo.init(dir)
        .file(
            "schemagate.yaml",
            """
            protected_branch: main
            policy:
              runner_sets_lock_timeout: true
            tracks:
              app:
                pg_version: 17
            rehearsal:
            """
                + budgets)
        .file(
            "migrations/app/0001_create_items/expand.sql",
            """
            CREATE TABLE items (id bigint PRIMARY KEY, status text NOT NULL, total integer NOT NULL);
            CREATE INDEX items_status_idx ON items (status);
            """)
        .file(
            "queries.sql",
            "SELECT id, total FROM items WHERE status = $1;\nSELECT * FROM items WHERE id = $1;\n")
        .commit("base")
        .branch("change");
  }

  private record Run(Rehearsal.Result result, CheckResult findings, String summary) {
    List<Finding> of(String rule) {
      return findings.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }
  }

  private Run rehearse(boolean withQueries) throws Exception {
    RehearsalOptions options =
        new RehearsalOptions(
            dir,
            Optional.of("main"),
            Map.of("items", 1_000_000L),
            SCALE,
            1000,
            withQueries ? Optional.of(dir.resolve("queries.sql")) : Optional.empty(),
            Optional.empty(),
            4,
            Duration.ofSeconds(1));
    Rehearsal.Result result =
        new Rehearsal(options, line -> System.err.println("rehearse: " + line)).run();
    StringWriter text = new StringWriter();
    RehearsalSummary.write(result, options, new PrintWriter(text));
    System.err.println(text);
    CheckResult findings = RehearsalFindings.of(result, SCALE);
    findings.findings().forEach(f -> System.err.println(f.rule() + ": " + f.message()));
    return new Run(result, findings, text.toString());
  }

  @Test
  void unbatchedUpdateOfTheWholeTableStallsTheWorkloadAndFailsItsBudget() throws Exception {
    repo("  max_stall: 2s\n  max_p99_ratio: 20\n")
        .file(
            "migrations/app/0002_fill_amount/expand.sql",
            """
            ALTER TABLE items ADD COLUMN amount bigint;
            UPDATE items SET amount = total;
            """)
        .commit("unbatched");
    Run run = rehearse(false);
    TrackRehearsal t = run.result().tracks().get(0);
    assertEquals(List.of("app@1 expand"), t.replayed());
    PhaseResult p = t.phases().get(0);
    assertEquals("app@2 expand", p.label());
    assertFalse(p.batched());
    // ADD COLUMN's ACCESS EXCLUSIVE lock is held until the UPDATE of every row commits: reads and
    // writes wait for all of it
    assertTrue(p.lockWait().compareTo(Duration.ofMillis(100)) > 0, p.toString());
    assertTrue(
        p.during().longestStall().compareTo(p.lockWait().dividedBy(2)) > 0,
        p.during() + " vs " + p.lockWait());
    assertTrue(p.rowBound());
    Duration base = t.baselineLockWait();
    assertEquals(
        base.plus(p.lockWait().minus(base).multipliedBy(20)).toMillis(),
        p.fullScaleLockWait().toMillis(),
        1);
    assertEquals(1, run.of(RehearsalRules.STALL).size(), run.findings().findings().toString());
    assertEquals(1, run.of(RehearsalRules.P99).size(), run.findings().findings().toString());
    assertTrue(run.findings().failed());
  }

  @Test
  void theSameChangeAsABatchedBackfillPasses() throws Exception {
    repo("  max_stall: 2s\n")
        .file(
            "migrations/app/0002_fill_amount/expand.sql",
            "SET lock_timeout = '1s';\nALTER TABLE items ADD COLUMN amount bigint;\n")
        .file(
            "migrations/app/0002_fill_amount/backfill.sql",
            """
            -- schemagate:backfill table=items key=id
            UPDATE items SET amount = total WHERE id BETWEEN $1 AND $2 AND amount IS NULL;
            """)
        .commit("batched");
    Run run = rehearse(false);
    PhaseResult p = run.result().tracks().get(0).phases().get(1);
    assertEquals("app@2 backfill", p.label());
    assertTrue(p.batched());
    assertFalse(p.rowBound(), "batches are sized by time");
    assertEquals(Optional.of(50_000L), p.backfillRows());
    assertTrue(p.backfillRate().orElseThrow() > 0);
    assertEquals(List.of(), run.findings().findings());
    assertFalse(run.findings().failed());
  }

  @Test
  void droppingAnIndexAListedQueryUsesIsAPlanRegression() throws Exception {
    repo("  plan_regression: error\n")
        .file(
            "migrations/app/0002_drop_status_index/expand.sql",
            "ALTER TABLE items ADD COLUMN note text;\n")
        .file(
            "migrations/app/0002_drop_status_index/contract.sql", "DROP INDEX items_status_idx;\n")
        .commit("drop index");
    Run run = rehearse(true);
    List<Finding> regressions = run.of(RehearsalRules.PLAN);
    assertEquals(1, regressions.size(), run.findings().findings().toString());
    Finding f = regressions.get(0);
    assertEquals("migrations/app/0002_drop_status_index/contract.sql", f.path());
    assertTrue(f.message().contains("index items_status_idx no longer used"), f.message());
    assertTrue(
        f.message().contains("sequential scan on items (1,000,000 rows at full scale)"),
        f.message());
    assertTrue(run.findings().failed(), "plan_regression: error fails the rehearsal");
  }

  @Test
  void aSafeChangeReportsNothing() throws Exception {
    repo("  max_stall: 2s\n  plan_regression: error\n")
        .file(
            "migrations/app/0002_add_note/expand.sql",
            "SET lock_timeout = '1s';\nALTER TABLE items ADD COLUMN note text;\n")
        .commit("safe");
    Run run = rehearse(true);
    assertEquals(1, run.result().tracks().get(0).phases().size());
    assertFalse(
        run.result().tracks().get(0).phases().get(0).rowBound(),
        "ADD COLUMN without a default is metadata only");
    assertEquals(List.of(), run.findings().findings());
  }
}
