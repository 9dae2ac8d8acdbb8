package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.repo.SqlFileSet;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/transaction-control on real SQL (docs/rules/hygiene/transaction-control.md). */
class TransactionControlTest {

  private static final String RULE = "hygiene/transaction-control";
  private static final String WRAPPED =
      """
      BEGIN;
      ALTER TABLE orders ADD COLUMN note text;
      COMMIT;
      """;

  @TempDir Path dir;

  @Test
  void beginAndCommitInAPhaseFile() {
    CheckResult r = RuleRepo.withTables(dir).file("0002_note/expand.sql", WRAPPED).check();
    assertFiresAt(
        r, RULE, path("0002_note/expand.sql") + ":1", path("0002_note/expand.sql") + ":3");
  }

  @Test
  void savepointAndRollbackToo() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_note/expand.sql",
                """
        SET lock_timeout = '2s';
        SAVEPOINT before_note;
        ALTER TABLE orders ADD COLUMN note text;
        ROLLBACK TO SAVEPOINT before_note;
        """)
            .check();
    assertFiresAt(
        r, RULE, path("0002_note/expand.sql") + ":2", path("0002_note/expand.sql") + ":4");
  }

  @Test
  void noTransactionStatementsIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_note/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void plainSqlFilesOutsideARepositoryKeepTheirTransactions() throws Exception {
    Path up = dir.resolve("000002_note.up.sql");
    java.nio.file.Files.writeString(up, WRAPPED);
    Path first = dir.resolve("000001_create.up.sql");
    java.nio.file.Files.writeString(first, RuleRepo.TABLES);
    CheckResult r =
        new CheckRunner(s -> RuleRepo.engine())
            .check(SqlFileSet.of(List.of(dir)), CheckOptions.defaults());
    assertSilent(r, RULE);
  }
}
