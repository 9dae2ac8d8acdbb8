package dev.schemagate.analyzer.rules;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.BaseComparison;
import dev.schemagate.analyzer.repo.MigrationRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real schemagate repository in a test's temporary folder, checked by the real pipeline ({@link
 * CheckRunner}) with the real bundled policy. One track, {@code app}, in {@code migrations/app};
 * phase files are written as {@code "0002_add_note/expand.sql"}.
 *
 * <p>The bundled policy is loaded once per test JVM and shared by every rule test: loading costs
 * over a second, an evaluation well under a millisecond.
 */
public final class RuleRepo {

  /** The track every rule test uses. */
  public static final String TRACK = "app";

  /**
   * The tables most rule tests start from, created in version 1 (so they exist, with rows, for
   * every later version). Written without any finding of its own.
   */
  public static final String TABLES =
      """
      CREATE TABLE customers (
          id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          email      text        NOT NULL,
          full_name  text        NOT NULL,
          legacy_ref text,
          created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE orders (
          id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          customer_id bigint      NOT NULL,
          status      text,
          ref         text,
          total       numeric(10,2) NOT NULL,
          quantity    integer     NOT NULL DEFAULT 1,
          created_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE INDEX orders_customer_id_idx ON orders (customer_id);
      CREATE INDEX orders_status_idx ON orders (status);
      """;

  private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.com");
  private static PolicyEngine engine;

  private final Path root;
  private int pgVersion = 17;
  private String trackPolicy = "";
  private String topLevel = "";
  private Git git;

  private RuleRepo(Path root) {
    this.root = root;
  }

  /** An empty repository (no version yet) in {@code dir}. */
  public static RuleRepo in(Path dir) {
    return new RuleRepo(dir);
  }

  /** A repository whose version 1 creates {@link #TABLES}. */
  public static RuleRepo withTables(Path dir) {
    return in(dir).file("0001_create_tables/expand.sql", TABLES);
  }

  /** The one policy engine of the test run: the bundled policy only. */
  public static synchronized PolicyEngine engine() {
    if (engine == null) {
      engine = PolicyEngine.bundled();
    }
    return engine;
  }

  /** The repository-relative path of a phase file of the track, as findings report it. */
  public static String path(String versionAndPhase) {
    return "migrations/" + TRACK + "/" + versionAndPhase;
  }

  public Path root() {
    return root;
  }

  /** The track's {@code pg_version} in schemagate.yaml (default 17). */
  public RuleRepo pg(int version) {
    this.pgVersion = version;
    return this;
  }

  /** The track's {@code policy:} block, written as YAML indented relative to {@code policy:}. */
  public RuleRepo trackPolicy(String yaml) {
    this.trackPolicy = yaml;
    return this;
  }

  /**
   * Top-level keys of schemagate.yaml (e.g. a {@code policy:} block), written before {@code
   * tracks:}.
   */
  public RuleRepo topLevel(String yaml) {
    this.topLevel = yaml;
    return this;
  }

  /** Writes (or overwrites) a phase file of the track, e.g. {@code "0002_add_note/expand.sql"}. */
  public RuleRepo file(String versionAndPhase, String sql) {
    write(path(versionAndPhase), sql);
    return this;
  }

  /** Writes schemagate.yaml and runs the check on every file of the repository. */
  public CheckResult check() {
    return run(null);
  }

  /**
   * Writes schemagate.yaml and runs {@code check --base ref}: only files changed since the merge
   * base.
   */
  public CheckResult checkAgainst(String ref) {
    writeConfig();
    return run(BaseComparison.of(root, ref));
  }

  private CheckResult run(BaseComparison base) {
    writeConfig();
    MigrationRepository repo = MigrationRepository.load(root);
    return new CheckRunner(settings -> engine()).check(repo, new CheckOptions(null, base));
  }

  // --- Git (JGit), for the rules that compare with a base branch ---

  /** Makes the folder a Git repository whose initial branch is {@code main}. */
  public RuleRepo gitInit() {
    try {
      git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Commits every file (schemagate.yaml included) on the current branch. */
  public RuleRepo commit(String message) {
    writeConfig();
    try {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).setSign(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Creates a branch at the current commit and checks it out. */
  public RuleRepo branch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Checks out an existing branch. */
  public RuleRepo checkout(String name) {
    try {
      git.checkout().setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /**
   * Releases the Git repository (call from an {@code @AfterEach} when {@link #gitInit()} was used).
   */
  public void close() {
    if (git != null) {
      git.close();
    }
  }

  private void writeConfig() {
    StringBuilder yaml = new StringBuilder(topLevel);
    yaml.append("tracks:\n  ")
        .append(TRACK)
        .append(":\n    folder: migrations/")
        .append(TRACK)
        .append("\n    pg_version: ")
        .append(pgVersion)
        .append('\n');
    if (!trackPolicy.isBlank()) {
      yaml.append("    policy:\n");
      trackPolicy.lines().forEach(l -> yaml.append("      ").append(l).append('\n'));
    }
    write("schemagate.yaml", yaml.toString());
  }

  private void write(String relative, String text) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
