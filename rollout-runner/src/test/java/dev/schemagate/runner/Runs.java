package dev.schemagate.runner;

import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.approval.PolicyEngines;
import dev.schemagate.runner.backfill.BackfillRunner;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.backfill.ProgressSink;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Shared helpers: approval with the real bundled policy (loaded once), rollouts that keep their
 * log.
 */
final class Runs {

  static final PolicyEngines ENGINES = new PolicyEngines();

  /**
   * The batched backfill engine, as the CLI wires it: the shop's backfill files are key-range
   * batches.
   */
  static final Optional<dev.schemagate.runner.apply.BackfillExecutor> BACKFILL =
      Optional.of(new BatchedBackfill(ProgressSink.NONE, new BackfillRunner()));

  static final Rollout.Operator DEV = new Rollout.Operator("test@runner", Optional.empty());
  static final Rollout.Operator OVERRIDE =
      new Rollout.Operator("test@runner", Optional.of("test: no cluster"));

  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final Rollout rollout;

  Runs(Database db, RolloutSettings settings) {
    this.rollout = new Rollout(db, settings, List.of(), Optional.empty(), BACKFILL, log::add);
  }

  static ApprovedCommit approve(TestRepo repo) {
    return approve(repo, Optional.empty());
  }

  static ApprovedCommit approve(TestRepo repo, Optional<String> ref) {
    try (CommitSource source = CommitSource.open(repo.root.toString())) {
      return source.approve(ref, ENGINES);
    }
  }

  /** The first column of every row of {@code sql}, as text. */
  static List<String> column(Database db, String sql) throws SQLException {
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  static void exec(Database db, String sql) throws SQLException {
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
