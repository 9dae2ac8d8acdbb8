package dev.schemagate.rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real Git repository (JGit) holding a schemagate repository: the base on main, the change on a
 * branch.
 */
final class GitRepo {

  private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.com");

  final Path root;
  private final Git git;

  private GitRepo(Path root, Git git) {
    this.root = root;
    this.git = git;
  }

  static GitRepo init(Path dir) {
    try {
      return new GitRepo(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  GitRepo file(String path, String text) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  GitRepo commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).setSign(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  GitRepo branch(String name) {
    try {
      git.checkout().setName(name).setCreateBranch(true).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }
}
