package dev.schemagate.analyzer.check;

import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.rules.RuleRepo;
import dev.schemagate.analyzer.sql.SqlSplitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code -- schemagate:backfill} directive (docs/migration-format.md, "Backfill phases"). */
class BackfillDirectiveTest {

  private static final String FILE = "0002_default_status/backfill.sql";

  @TempDir Path dir;

  private static BackfillOptions.Parsed parse(String sql) {
    List<BackfillOptions.Parsed> all = BackfillOptions.of(SqlSplitter.split("backfill.sql", sql));
    assertEquals(1, all.size(), "one directive in " + sql);
    return all.get(0);
  }

  @Test
  void readsEveryOption() {
    BackfillOptions o =
        parse(
                """
        -- schemagate:backfill table=shop.orders key=id batch=2000 max_batch=50000 target=200ms lock_timeout=50ms max_lag=2s pause=10ms workers=2
        UPDATE shop.orders SET status = 'open' WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        """)
            .options()
            .orElseThrow();
    assertEquals("shop", o.schema());
    assertEquals("orders", o.table());
    assertEquals(List.of("id"), o.key());
    assertEquals(2000, o.batch());
    assertEquals(50000, o.maxBatch());
    assertEquals(Duration.ofMillis(200), o.target());
    assertEquals(Duration.ofMillis(50), o.lockTimeout());
    assertEquals(Duration.ofSeconds(2), o.maxLag());
    assertEquals(Duration.ofMillis(10), o.pause());
    assertEquals(2, o.workers());
    assertEquals(2, o.statement().line());
  }

  @Test
  void defaultsAndCompositeKey() {
    BackfillOptions o =
        parse(
                """
        -- schemagate:backfill table=Line_Items key="tenant_id, id"
        UPDATE line_items SET total = qty * price
         WHERE (tenant_id, id) between $1 and $2 AND total IS NULL;
        """)
            .options()
            .orElseThrow();
    assertNull(o.schema());
    assertEquals("line_items", o.table());
    assertEquals(List.of("tenant_id", "id"), o.key());
    assertEquals(BackfillOptions.DEFAULT_BATCH, o.batch());
    assertEquals(BackfillOptions.DEFAULT_TARGET, o.target());
    assertEquals(BackfillOptions.DEFAULT_LOCK_TIMEOUT, o.lockTimeout());
    assertEquals(Duration.ZERO, o.pause());
    assertEquals(1, o.workers()); // one connection: a second one doubled p99 on 2 cores
    assertTrue(o.adaptive());
    assertTrue(o.untilStart());
  }

  @Test
  void adaptiveAndUntilTakeTheirWordsAndNothingElse() {
    BackfillOptions o =
        parse(
                """
        -- schemagate:backfill table=orders key=id adaptive=off until=end workers=1 target=150ms
        UPDATE orders SET status = 'open' WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        """)
            .options()
            .orElseThrow();
    assertFalse(o.adaptive());
    assertFalse(o.untilStart());
    BackfillOptions.Parsed bad =
        parse(
            """
        -- schemagate:backfill table=orders key=id adaptive=maybe until=now
        UPDATE orders SET status = 'open' WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        """);
    assertEquals(
        List.of(
            "backfill.sql:1: -- schemagate:backfill: adaptive=maybe is not on or off",
            "backfill.sql:1: -- schemagate:backfill: until=now is not start (the table's last key when the backfill started)"
                + " or end (follow the table's end while it grows)"),
        bad.problems());
  }

  @Test
  void problemsNameFileLineAndWhatIsWrong() {
    BackfillOptions.Parsed p =
        parse(
            """
        -- schemagate:backfill table=orders batch=0 target=fast colour=blue workers=9
        UPDATE orders SET status = 'open' WHERE id >= $1 AND id < $2 AND status IS NULL;
        """);
    assertTrue(p.options().isEmpty());
    String all = String.join("\n", p.problems());
    assertTrue(all.contains("backfill.sql:1: -- schemagate:backfill: unknown option colour"), all);
    assertTrue(all.contains("key=… is required"), all);
    assertTrue(all.contains("batch=0 is not a positive number of rows"), all);
    assertTrue(all.contains("target=fast is not a duration"), all);
    assertTrue(all.contains("workers=9 is above 8"), all);
    assertTrue(
        all.contains(
            "backfill.sql:2: the batch statement must select its key range with `<key> BETWEEN $1 AND $2`"),
        all);
  }

  @Test
  void rangeInsideAStringOrCommentDoesNotCount() {
    BackfillOptions.Parsed p =
        parse(
            """
        -- schemagate:backfill table=orders key=id
        UPDATE orders SET note = 'BETWEEN $1 AND $2' /* BETWEEN $1 AND $2 */ WHERE id > $1 AND status IS NULL;
        """);
    assertFalse(p.problems().isEmpty());
  }

  @Test
  void onlyTwoParameters() {
    BackfillOptions.Parsed p =
        parse(
            """
        -- schemagate:backfill table=orders key=id
        UPDATE orders SET status = $3 WHERE id BETWEEN $1 AND $2;
        """);
    assertTrue(
        String.join("\n", p.problems()).contains("may only use $1 and $2, not $3"),
        p.problems().toString());
  }

  @Test
  void checkAcceptsTheBatchStatementAndItsFactsAreARowExclusiveLock() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        -- schemagate:backfill table=orders key=id batch=5000
        UPDATE orders SET status = 'open'
         WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        """)
            .check();
    assertSilent(r, "lock/unbatched-dml");
    FileResult file =
        r.files().stream().filter(f -> f.path().endsWith(FILE)).findFirst().orElseThrow();
    StatementFacts facts = file.statements().get(0);
    assertEquals(List.of(new RelationLock("public.orders", LockMode.ROW_EXCLUSIVE)), facts.locks());
    assertFalse(facts.rewrite());
    assertFalse(facts.scan());
  }

  @Test
  void checkRejectsABackfillDirectiveOutsideABackfillPhase() {
    RuleRepo repo =
        RuleRepo.withTables(dir)
            .file(
                "0002_default_status/expand.sql",
                """
        -- schemagate:backfill table=orders key=id
        UPDATE orders SET status = 'open' WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        """);
    CheckException e = assertThrows(CheckException.class, repo::check);
    assertTrue(
        e.getMessage()
            .contains(
                "migrations/app/0002_default_status/expand.sql: -- schemagate:backfill belongs in a backfill.sql phase file"),
        e.getMessage());
  }

  @Test
  void checkReportsAMalformedDirective() {
    RuleRepo repo =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        -- schemagate:backfill table=orders key=id batch=lots
        UPDATE orders SET status = 'open' WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        """);
    CheckException e = assertThrows(CheckException.class, repo::check);
    assertTrue(
        e.getMessage()
            .contains(
                FILE + ":1: -- schemagate:backfill: batch=lots is not a positive number of rows"),
        e.getMessage());
  }

  @Test
  void oneBatchStatementPerFile() {
    RuleRepo repo =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        -- schemagate:backfill table=orders key=id
        UPDATE orders SET status = 'open' WHERE id BETWEEN $1 AND $2 AND status IS NULL;
        -- schemagate:backfill table=customers key=id
        UPDATE customers SET legacy_ref = email WHERE id BETWEEN $1 AND $2 AND legacy_ref IS NULL;
        """);
    CheckException e = assertThrows(CheckException.class, repo::check);
    assertTrue(
        e.getMessage()
            .contains(
                "2 -- schemagate:backfill directives; a backfill phase holds one batch statement"),
        e.getMessage());
  }
}
