package dev.schemagate.analyzer.rules.lock;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock/refresh-matview-blocking on real SQL (docs/rules/lock/refresh-matview-blocking.md). */
class RefreshMatviewBlockingTest {

  private static final String RULE = "lock/refresh-matview-blocking";
  private static final String VIEW =
      """
      CREATE MATERIALIZED VIEW daily_sales AS
          SELECT date_trunc('day', created_at) AS day, sum(total) AS total FROM orders GROUP BY 1;
      CREATE UNIQUE INDEX daily_sales_day_key ON daily_sales (day);
      """;

  @TempDir Path dir;

  @Test
  void refreshWithoutConcurrently() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_daily_sales/expand.sql", VIEW)
            .file(
                "0003_refresh/expand.sql",
                """
            SET lock_timeout = '2s';
            REFRESH MATERIALIZED VIEW daily_sales;
            """)
            .check();
    assertFires(r, RULE, path("0003_refresh/expand.sql"), 2);
  }

  @Test
  void refreshConcurrentlyIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_daily_sales/expand.sql", VIEW)
            .file(
                "0003_refresh/expand.sql",
                """
            SET lock_timeout = '2s';
            REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;
            """)
            .check();
    assertSilent(r, RULE);
  }

  @Test
  void viewCreatedEarlierInTheSamePhase() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_daily_sales/expand.sql", VIEW + "REFRESH MATERIALIZED VIEW daily_sales;\n")
            .check();
    assertSilent(r, RULE);
  }
}
