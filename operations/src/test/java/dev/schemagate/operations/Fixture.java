package dev.schemagate.operations;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.MigrationRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test repository (src/test/resources/fixture) copied to a folder, with a version generated
 * into it.
 */
final class Fixture {

  private static PolicyEngine engine;

  final Path root;

  private Fixture(Path root) {
    this.root = root;
  }

  static Fixture copy(Path dir) {
    return copy(dir, "fixture");
  }

  /**
   * One of the test repositories under src/test/resources: {@code fixture}, or {@code fixture-keys}
   * (a key referenced by foreign keys).
   */
  static Fixture copy(Path dir, String name) {
    Path from = Path.of("src/test/resources", name);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Fixture(dir);
  }

  MigrationRepository repo() {
    return MigrationRepository.load(root);
  }

  List<Path> generate(MultiVersionOperation op) {
    MigrationRepository repo = repo();
    return NewVersion.write(repo, NewVersion.track(repo, null), op);
  }

  List<Path> generate(Operation op) {
    return generate(MultiVersionOperation.of(op));
  }

  static synchronized PolicyEngine engine() {
    if (engine == null) {
      engine = PolicyEngine.bundled();
    }
    return engine;
  }

  /** Every finding of error or warning severity that is not waived, on PostgreSQL {@code pg}. */
  List<Finding> problems(int pg) {
    CheckResult r = new CheckRunner(s -> engine()).check(repo(), new CheckOptions(pg, null));
    return r.findings().stream().filter(f -> !f.waived() && f.severity() != Severity.INFO).toList();
  }
}
