package dev.schemagate.analyzer.rules;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.repo.SqlFileSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled rules on plain SQL files outside a schemagate repository (a golang-migrate folder):
 * the files form one history; rules that need a phase kind, the base or the file's transaction mode
 * stay silent; the others apply.
 */
class PlainSqlFilesTest {

  @TempDir Path dir;

  private CheckResult check(String... namesAndTexts) throws IOException {
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      Files.writeString(dir.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
    }
    return new CheckRunner(s -> RuleRepo.engine())
        .check(SqlFileSet.of(List.of(dir)), CheckOptions.defaults());
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void lockAndCompatRulesApplyAcrossTheHistory() throws IOException {
    CheckResult r =
        check(
            "000001_create.up.sql", RuleRepo.TABLES,
            "000002_index.up.sql", "CREATE INDEX orders_created_at_idx ON orders (created_at);\n",
            "000003_drop.up.sql",
                "SET lock_timeout = '2s';\nALTER TABLE customers DROP COLUMN legacy_ref;\n");
    assertFires(r, "lock/create-index-blocking", file("000002_index.up.sql"), 1);
    assertFires(r, "lock/missing-lock-timeout", file("000002_index.up.sql"), 1);
    assertFires(r, "compat/drop-column", file("000003_drop.up.sql"), 2);
  }

  @Test
  void phaseRulesAreSilent() throws IOException {
    CheckResult r =
        check(
            "000001_create.up.sql",
            RuleRepo.TABLES,
            "000002_fill.up.sql",
            """
            SET lock_timeout = '2s';
            BEGIN;
            UPDATE orders SET status = 'open' WHERE status IS NULL;
            ALTER TABLE orders ALTER COLUMN quantity DROP DEFAULT;
            COMMIT;
            """);
    assertSilent(r, "phase/dml-outside-backfill");
    assertSilent(r, "phase/destructive-in-expand");
    assertSilent(r, "hygiene/transaction-control");
    assertFires(r, "lock/unbatched-dml", file("000002_fill.up.sql"), 3);
  }

  @Test
  void aSingleStatementPlainFileHasNoKnownTransactionMode() throws IOException {
    // golang-migrate sends a file as one query: a lone CREATE INDEX CONCURRENTLY runs outside any
    // transaction block, so nothing may claim it runs in one.
    CheckResult r =
        check(
            "000001_create.up.sql",
            RuleRepo.TABLES,
            "000002_index.up.sql",
            "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);\n");
    assertSilent(r, "lock/concurrently-in-transaction");
    assertSilent(r, "lock/create-index-blocking");
  }

  @Test
  void severalStatementsInAPlainFileRunAsOneTransaction() throws IOException {
    // Several statements sent as one query form one implicit transaction block (Flyway wraps the
    // file in an explicit one): PostgreSQL rejects CONCURRENTLY there.
    CheckResult r =
        check(
            "000001_create.up.sql",
            RuleRepo.TABLES,
            "000002_index.up.sql",
            "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);\n");
    assertFires(r, "lock/concurrently-in-transaction", file("000002_index.up.sql"), 2);
  }
}
