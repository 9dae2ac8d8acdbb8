package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/constraint-builds-index on real SQL (docs/rules/lock/constraint-builds-index.md). */
class ConstraintBuildsIndexTest {

  private static final String RULE = "lock/constraint-builds-index";

  @TempDir Path dir;

  @Test
  void addUniqueBuildsItsIndexUnderAccessExclusive() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_unique_ref/expand.sql",
                """
        SET lock_timeout = '2s';
        ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref);
        """)
            .check();
    assertFires(r, RULE, path("0002_unique_ref/expand.sql"), 2);
  }

  @Test
  void primaryKeyAndInlineUniqueToo() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                "CREATE TABLE tags (id bigint NOT NULL, name text NOT NULL);\n")
            .file(
                "0002_keys/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE tags ADD PRIMARY KEY (id);
            ALTER TABLE tags ADD COLUMN slug text UNIQUE;
            """)
            .check();
    assertFiresAt(
        r, RULE, path("0002_keys/expand.sql") + ":2", path("0002_keys/expand.sql") + ":3");
  }

  @Test
  void uniqueIndexConcurrentlyThenUsingIndexIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_unique_ref/expand.sql",
                """
            -- schemagate:phase transactional=false
            SET lock_timeout = '2s';
            CREATE UNIQUE INDEX CONCURRENTLY orders_ref_key ON orders (ref);
            """)
            .file(
                "0003_unique_ref_constraint/expand.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_key;
            """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/scan-under-exclusive-lock");
    assertSilent(r, "lock/create-index-blocking");
  }

  @Test
  void constraintsOfATableCreatedInTheSamePhase() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE tags (id bigint NOT NULL, name text NOT NULL);
        ALTER TABLE tags ADD PRIMARY KEY (id);
        ALTER TABLE tags ADD CONSTRAINT tags_name_key UNIQUE (name);
        """)
            .check();
    assertSilent(r, RULE);
  }
}
