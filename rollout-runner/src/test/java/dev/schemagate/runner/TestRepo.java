package dev.schemagate.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository (JGit) holding a schemagate repository, committed on {@code main}. */
final class TestRepo {

  private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.com");

  final Path root;
  final Git git;

  private TestRepo(Path root, Git git) {
    this.root = root;
    this.git = git;
  }

  /** examples/shop, committed on main. */
  static TestRepo shop(Path dir) {
    copy(Path.of("../examples/shop"), dir);
    return init(dir);
  }

  /**
   * A one-track repository {@code app} with the given schemagate.yaml extras, nothing committed but
   * the config.
   */
  static TestRepo app(Path dir) {
    write(
        dir.resolve("schemagate.yaml"),
        """
        protected_branch: main
        policy:
          runner_sets_lock_timeout: true
        tracks:
          app:
            pg_version: 17
        """);
    write(dir.resolve("migrations/app/.gitkeep"), "");
    return init(dir);
  }

  private static TestRepo init(Path dir) {
    try {
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      TestRepo repo = new TestRepo(dir, git);
      repo.commit("initial");
      return repo;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  TestRepo file(String path, String text) {
    write(root.resolve(path), text);
    return this;
  }

  RevCommit commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      return git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).setAll(true).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  void checkout(String branch, boolean create) {
    try {
      git.checkout().setName(branch).setCreateBranch(create).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
