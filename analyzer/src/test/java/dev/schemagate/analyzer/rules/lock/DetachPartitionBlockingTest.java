package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/detach-partition-blocking on real SQL (docs/rules/lock/detach-partition-blocking.md). */
class DetachPartitionBlockingTest {

  private static final String RULE = "lock/detach-partition-blocking";
  private static final String EVENTS =
      """
      CREATE TABLE events (id bigint NOT NULL, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
      CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      """;

  @TempDir Path dir;

  @Test
  void detachWithoutConcurrently() {
    CheckResult r =
        RuleRepo.in(dir)
            .pg(14)
            .file("0001_events/expand.sql", EVENTS)
            .file(
                "0002_archive_2023/contract.sql",
                """
            SET lock_timeout = '2s';
            ALTER TABLE events DETACH PARTITION events_2023;
            """)
            .check();
    assertFires(r, RULE, path("0002_archive_2023/contract.sql"), 2);
  }

  @Test
  void detachConcurrentlyInANonTransactionalPhaseIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.in(dir)
            .pg(14)
            .file("0001_events/expand.sql", EVENTS)
            .file(
                "0002_archive_2023/contract.sql",
                """
            -- schemagate:phase transactional=false
            SET lock_timeout = '2s';
            ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;
            """)
            .check();
    assertSilent(r, RULE);
    assertSilent(r, "lock/concurrently-in-transaction");
  }

  @Test
  void partitionedTableCreatedInTheSamePhase() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_events/expand.sql",
                EVENTS + "ALTER TABLE events DETACH PARTITION events_2023;\n")
            .check();
    assertSilent(r, RULE);
  }
}
