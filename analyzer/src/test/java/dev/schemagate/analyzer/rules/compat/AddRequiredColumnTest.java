package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/add-required-column on real SQL (docs/rules/compat/add-required-column.md). */
class AddRequiredColumnTest {

  private static final String RULE = "compat/add-required-column";
  private static final String FILE = "0002_order_channel/expand.sql";

  @TempDir Path dir;

  @Test
  void notNullWithoutDefault() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN channel text NOT NULL;
        """)
            .check();
    assertFires(r, RULE, path(FILE), 2);
  }

  @Test
  void constantDefaultIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web';
        """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/table-rewrite");
  }

  @Test
  void identityColumnsFillThemselves() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void tableCreatedEarlierInTheSamePhase() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
        ALTER TABLE notes ADD COLUMN body text NOT NULL;
        """)
            .check();
    assertSilent(r, RULE);
  }
}
