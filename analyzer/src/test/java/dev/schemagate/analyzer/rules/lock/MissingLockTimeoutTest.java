package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/missing-lock-timeout on real SQL (docs/rules/lock/missing-lock-timeout.md). */
class MissingLockTimeoutTest {

  private static final String RULE = "lock/missing-lock-timeout";
  private static final String FILE = "0002_add_note/expand.sql";

  @TempDir Path dir;

  @Test
  void alterTableWithoutLockTimeout() {
    CheckResult r =
        RuleRepo.withTables(dir).file(FILE, "ALTER TABLE orders ADD COLUMN note text;\n").check();
    assertFires(r, RULE, path(FILE), 1);
  }

  @Test
  void setLockTimeoutFirstIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN note text;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void reportedOnceAtTheFirstStatementCountingTheOthers() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        ALTER TABLE orders ADD COLUMN note text;
        ALTER TABLE customers ADD COLUMN note text;
        """)
            .check();
    String message = assertFires(r, RULE, path(FILE), 1).message();
    assertTrue(message.contains("1 more"), message);
  }

  @Test
  void zeroTimeoutResetAndSetLocalOutsideATransactionDoNotCount() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_a/expand.sql",
                """
            SET lock_timeout = 0;
            ALTER TABLE orders ADD COLUMN note text;
            """)
            .file(
                "0003_b/expand.sql",
                """
            SET lock_timeout = '2s';
            RESET lock_timeout;
            ALTER TABLE orders ADD COLUMN note2 text;
            """)
            .file(
                "0004_c/expand.sql",
                """
            -- schemagate:phase transactional=false
            SET LOCAL lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN note3 text;
            """)
            .check();
    assertFiresAt(
        r,
        RULE,
        path("0002_a/expand.sql") + ":2",
        path("0003_b/expand.sql") + ":3",
        path("0004_c/expand.sql") + ":3");
  }

  @Test
  void setLocalInATransactionalPhaseCounts() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET LOCAL lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN note text;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void runnerSetsLockTimeoutInTheConfig() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .trackPolicy("runner_sets_lock_timeout: true")
            .file(FILE, "ALTER TABLE orders ADD COLUMN note text;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void locksThatBlockNobodyNeedNoTimeout() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);
        ALTER TABLE notes ADD COLUMN author text;
        INSERT INTO notes (body) VALUES ('hello');
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void everySpellingOfSetCounts() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_a/expand.sql",
                "SET lock_timeout TO '2s';\nALTER TABLE orders ADD COLUMN a text;\n")
            .file(
                "0003_b/expand.sql",
                "SET SESSION lock_timeout = 2000;\nALTER TABLE orders ADD COLUMN b text;\n")
            .file(
                "0004_c/expand.sql",
                "set LOCK_TIMEOUT = '5s';\nALTER TABLE orders ADD COLUMN c text;\n")
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void aTimeoutLongerThanTheThresholdDoesNotProtect() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(FILE, "SET lock_timeout = '5min';\nALTER TABLE orders ADD COLUMN note text;\n")
            .check();
    String message = assertFires(r, RULE, path(FILE), 2).message();
    assertTrue(
        message.contains("lock_timeout 5min, longer than the max_lock_timeout threshold (10s)"),
        message);
  }

  @Test
  void theThresholdComesFromSchemagateYaml() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .trackPolicy("thresholds:\n        max_lock_timeout: 10min")
            .file(FILE, "SET lock_timeout = '5min';\nALTER TABLE orders ADD COLUMN note text;\n")
            .check();
    assertSilent(r, RULE);
    CheckResult strict =
        RuleRepo.in(dir.resolve("strict"))
            .trackPolicy("thresholds:\n        max_lock_timeout: 1000")
            .file("0001_init/expand.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n")
            .file(FILE, "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n")
            .check();
    assertFires(strict, RULE, path(FILE), 2);
  }
}
