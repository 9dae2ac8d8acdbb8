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

/** lock/create-index-blocking on real SQL (docs/rules/lock/create-index-blocking.md). */
class CreateIndexBlockingTest {

  private static final String RULE = "lock/create-index-blocking";

  @TempDir Path dir;

  @Test
  void createIndexOnAnExistingTable() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_index_created_at/expand.sql",
                """
        SET lock_timeout = '2s';
        CREATE INDEX orders_created_at_idx ON orders (created_at);
        """)
            .check();
    assertFires(r, RULE, path("0002_index_created_at/expand.sql"), 2);
  }

  @Test
  void concurrentlyInANonTransactionalPhaseIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_index_created_at/expand.sql",
                """
        -- schemagate:phase transactional=false
        SET lock_timeout = '2s';
        CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);
        """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/concurrently-in-transaction");
    assertSilent(r, "lock/missing-lock-timeout");
  }

  @Test
  void tableCreatedEarlierInTheSamePhaseIsNotALockHazard() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
        CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);
        CREATE INDEX notes_body_idx ON notes (body);
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void tableCreatedInAnEarlierVersionIsExisting() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                "CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);\n")
            .file("0002_index/expand.sql", "CREATE INDEX notes_body_idx ON notes (body);\n")
            .check();
    assertFires(r, RULE, path("0002_index/expand.sql"), 1);
  }

  @Test
  void tableCreatedInTheExpandOfTheSameVersionIsExistingForItsContract() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                "CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);\n")
            .file("0001_create/contract.sql", "CREATE INDEX notes_body_idx ON notes (body);\n")
            .check();
    assertFires(r, RULE, path("0001_create/contract.sql"), 1);
  }

  @Test
  void indexOnOnlyThePartitionedParentBuildsNothing() {
    // The page's rewrite for partitioned tables: an invalid index ON ONLY the parent (no build),
    // each partition's index built concurrently, then attached.
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
            CREATE TABLE events (id bigint NOT NULL, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            """)
            .file(
                "0002_index_created_at/expand.sql",
                """
            SET lock_timeout = '2s';
            CREATE INDEX events_created_at_idx ON ONLY events (created_at);
            """)
            .file(
                "0002_index_created_at/backfill.sql",
                """
            -- schemagate:phase transactional=false
            SET lock_timeout = '2s';
            CREATE INDEX CONCURRENTLY events_2025_created_at_idx ON events_2025 (created_at);
            """)
            .file(
                "0002_index_created_at/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER INDEX events_created_at_idx ATTACH PARTITION events_2025_created_at_idx;
            """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void indexOnAPartitionedTableWithoutOnlyBuildsEveryPartition() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
            CREATE TABLE events (id bigint NOT NULL, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            """)
            .file(
                "0002_index_created_at/expand.sql",
                "CREATE INDEX events_created_at_idx ON events (created_at);\n")
            .check();
    assertFires(r, RULE, path("0002_index_created_at/expand.sql"), 1);
  }

  @Test
  void ifNotExistsNamingAnExistingIndexBuildsNothing() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file(
                "0002_index_status_again/expand.sql",
                """
        SET lock_timeout = '2s';
        CREATE INDEX IF NOT EXISTS orders_status_idx ON orders (status);
        """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void namesResolveThroughTheDefaultSchemaAndQuotes() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                """
            CREATE TABLE "Notes" (id bigint PRIMARY KEY, body text);
            CREATE TABLE public.tags (id bigint PRIMARY KEY, name text);
            """)
            .file(
                "0002_index/expand.sql",
                """
            SET lock_timeout = '2s';
            CREATE INDEX notes_body_idx ON public."Notes" (body);
            CREATE INDEX tags_name_idx ON tags (name);
            CREATE TABLE public.labels (id bigint PRIMARY KEY, name text);
            CREATE INDEX labels_name_idx ON labels (name);
            """)
            .check();
    assertFiresAt(
        r, RULE, path("0002_index/expand.sql") + ":2", path("0002_index/expand.sql") + ":3");
  }
}
