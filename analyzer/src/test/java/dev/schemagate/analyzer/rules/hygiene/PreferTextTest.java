package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/prefer-text on real SQL (docs/rules/hygiene/prefer-text.md). */
class PreferTextTest {

  private static final String RULE = "hygiene/prefer-text";

  @TempDir Path dir;

  @Test
  void varcharAndCharColumns() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_code/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN code varchar(20);
            ALTER TABLE orders ADD COLUMN country char(2);
            """)
            .file(
                "0003_widen/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);
            """)
            .check();
    assertFiresAt(
        r,
        RULE,
        path("0002_code/expand.sql") + ":2",
        path("0002_code/expand.sql") + ":3",
        path("0003_widen/expand.sql") + ":2");
  }

  @Test
  void textWithACheckIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_code/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD COLUMN code text;
        ALTER TABLE orders ADD CONSTRAINT orders_code_length CHECK (char_length(code) <= 20) NOT VALID;
        ALTER TABLE orders ADD COLUMN label varchar;
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void longSpellingsToo() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE tags (id bigint PRIMARY KEY,
          code character varying(20),
          country character(2),
          label character varying);
        """)
            .check();
    // one finding per column (code, country), both on the statement's first line
    assertFiresAt(
        r, RULE, path("0001_create/expand.sql") + ":1", path("0001_create/expand.sql") + ":1");
  }
}
