package dev.schemagate.drift;

import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.gate.Gate;
import dev.schemagate.runner.plan.Target;
import dev.schemagate.trace.PgServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A database of its own on the test server, migrated by the real runner. */
final class TargetDb {

  private static final AtomicInteger COUNT = new AtomicInteger();

  final JdbcDatabase db;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private TargetDb(JdbcDatabase db) {
    this.db = db;
  }

  static TargetDb create(PgServer server) throws SQLException {
    String name = "target_" + COUNT.incrementAndGet();
    server.createDatabase(name, "template0");
    try (Connection c = server.connect(name)) {
      String url = c.getMetaData().getURL();
      return new TargetDb(new JdbcDatabase(url, "postgres", null));
    }
  }

  Rollout rollout(List<Gate> gates) {
    return new Rollout(
        db,
        RolloutSettings.DEFAULTS,
        gates,
        Optional.empty(),
        Optional.of(new BatchedBackfill()),
        log::add);
  }

  TargetDb apply(DriftRepo repo, String to) throws Exception {
    rollout(List.of())
        .apply(
            repo.commit,
            Optional.of(Target.parse(to)),
            new Rollout.Operator("test@drift", Optional.empty()));
    return this;
  }

  /**
   * Runs SQL by hand, the way drift happens: each statement on its own, outside any transaction
   * block.
   */
  void exec(String... statements) throws SQLException {
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
