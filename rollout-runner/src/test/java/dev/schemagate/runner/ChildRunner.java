package dev.schemagate.runner;

import dev.schemagate.runner.backfill.BackfillRunner;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.backfill.ProgressSink;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code apply} in a JVM of its own, so that a test can kill it with SIGKILL ({@link
 * Process#destroyForcibly()}). Arguments: JDBC URL, repository folder, lock_timeout in ms.
 */
public final class ChildRunner {

  public static void main(String[] args) throws Exception {
    JdbcDatabase db = new JdbcDatabase(args[0], "postgres", null);
    RolloutSettings settings =
        RolloutSettings.DEFAULTS.withLockTimeout(Duration.ofMillis(Long.parseLong(args[2])));
    Rollout rollout =
        new Rollout(
            db,
            settings,
            List.of(),
            Optional.empty(),
            Optional.of(new BatchedBackfill(ProgressSink.NONE, new BackfillRunner())),
            line -> {
              System.out.println(line);
              System.out.flush();
            });
    try (var source = dev.schemagate.runner.approval.CommitSource.open(args[1])) {
      rollout.apply(source.approve(Optional.empty(), Runs.ENGINES), Optional.empty(), Runs.DEV);
    }
    System.out.println("child done");
  }
}
