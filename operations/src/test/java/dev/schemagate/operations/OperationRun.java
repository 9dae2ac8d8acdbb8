package dev.schemagate.operations;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.runner.Rollout;
import dev.schemagate.runner.approval.ApprovedCommit;
import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.runner.backfill.BackfillRunner;
import dev.schemagate.runner.backfill.BatchedBackfill;
import dev.schemagate.runner.backfill.ProgressSink;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.plan.Target;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The fixture with a generated version, committed to a real Git repository and applied phase by
 * phase with the real runner (its defaults, the batched backfill) to a database of its own on one
 * embedded PostgreSQL 17 per test JVM.
 */
final class OperationRun {

  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final dev.schemagate.runner.approval.PolicyEngines ENGINES =
      new dev.schemagate.runner.approval.PolicyEngines();
  static final Rollout.Operator OPERATOR =
      new Rollout.Operator(
          "test@operations",
          Optional.of("test: the writers of the old shape were stopped before the contract"));

  final Fixture fixture;

  /** The files the operation wrote (expand.sql, backfill.sql, … of each version), in order. */
  final List<Path> files;

  final JdbcDatabase db;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final Rollout rollout;
  private ApprovedCommit commit;

  private OperationRun(Fixture fixture, List<Path> files, JdbcDatabase db) {
    this.fixture = fixture;
    this.files = List.copyOf(files);
    this.db = db;
    this.rollout =
        new Rollout(
            db,
            RolloutSettings.DEFAULTS,
            List.of(),
            Optional.empty(),
            Optional.of(new BatchedBackfill(ProgressSink.NONE, new BackfillRunner())),
            log::add);
  }

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "60").start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** The fixture generated into {@code dir} with {@code op}, committed, and a new database. */
  static OperationRun of(Path dir, MultiVersionOperation op) throws Exception {
    return of(dir, "fixture", op);
  }

  /**
   * As {@link #of(Path, MultiVersionOperation)} on another test repository under
   * src/test/resources.
   */
  static OperationRun of(Path dir, String fixture, MultiVersionOperation op) throws Exception {
    Fixture f = Fixture.copy(dir, fixture);
    List<Path> files = f.generate(op);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      PersonIdent dev = new PersonIdent("Dev", "dev@example.com");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("generated").setAuthor(dev).setCommitter(dev).call();
    }
    String name = "ops_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    OperationRun run = new OperationRun(f, files, new JdbcDatabase(url(name), "postgres", null));
    try (CommitSource source = CommitSource.open(dir.toString())) {
      run.commit = source.approve(Optional.empty(), ENGINES);
    }
    return run;
  }

  static String url(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  MigrationRepository repo() {
    return fixture.repo();
  }

  /** {@code apply --to target}, e.g. {@code app@2.expand}. */
  void apply(String target) throws Exception {
    rollout.apply(commit, Optional.of(Target.parse(target)), OPERATOR);
  }

  void rollback(int version) throws Exception {
    rollout.rollback(commit, "app", version, OPERATOR);
  }

  Connection connect() throws SQLException {
    return db.open();
  }

  void exec(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Rows of a query, each as its columns' text joined with "|". */
  List<String> rows(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        out.add(String.join("|", cells));
      }
      return out;
    }
  }
}
