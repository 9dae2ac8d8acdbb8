package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/change-column-type on real SQL (docs/rules/compat/change-column-type.md). */
class ChangeColumnTypeTest {

  private static final String RULE = "compat/change-column-type";
  private static final String FILE = "0002_types/expand.sql";
  private static final String TAGS =
      "CREATE TABLE tags (id bigint PRIMARY KEY, code varchar(10), label varchar(100), n integer);\n";

  @TempDir Path dir;

  private CheckResult change(String sql) {
    return RuleRepo.in(dir)
        .file("0001_create/expand.sql", TAGS)
        .file(FILE, "SET lock_timeout = '2s';\n" + sql)
        .check();
  }

  @Test
  void intToBigint() {
    assertFires(change("ALTER TABLE tags ALTER COLUMN n TYPE bigint;\n"), RULE, path(FILE), 2);
  }

  @Test
  void varcharNarrowing() {
    assertFires(
        change("ALTER TABLE tags ALTER COLUMN label TYPE varchar(5);\n"), RULE, path(FILE), 2);
  }

  @Test
  void numericWithUsing() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                FILE,
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2) USING total::numeric;
        """)
            .check();
    assertFires(r, RULE, path(FILE), 2);
  }

  @Test
  void binaryCoercibleChangesAreNotVisible() {
    CheckResult r =
        change(
            """
        ALTER TABLE tags ALTER COLUMN code TYPE varchar(100);
        ALTER TABLE tags ALTER COLUMN code TYPE varchar;
        ALTER TABLE tags ALTER COLUMN label TYPE text;
        """);
    assertSilent(r, RULE);
    assertSilent(r, "lock/table-rewrite");
  }

  @Test
  void newColumnThroughExpandBackfillContractIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_total_precision/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD COLUMN total_new numeric(14,2);
            """)
            .file(
                "0002_total_precision/backfill.sql",
                """
            UPDATE orders SET total_new = total WHERE id >= $1 AND id < $2;
            """)
            .file(
                "0002_total_precision/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders DROP COLUMN total;
            -- schemagate:allow compat/rename-column reason="no running code reads total_new"
            ALTER TABLE orders RENAME COLUMN total_new TO total;
            """)
            .check();
    assertSilent(r, RULE);
  }
}
