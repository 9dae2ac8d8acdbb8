package dev.schemagate.watcher.testsupport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a test serves the fixture's bare remote: as a local file:// URL, or over git:// from JGit's
 * daemon.
 */
public enum Transport {
  FILE,
  GIT_DAEMON;

  /** A served remote; closing it stops its server, if any. */
  public record Served(String url, GitDaemonServer daemon) implements AutoCloseable {
    @Override
    public void close() {
      if (daemon != null) {
        daemon.close();
      }
    }
  }

  /** Serves {@code dir/remote.git} (where {@link GitFixture#create} puts the remote). */
  public Served serve(Path dir) throws IOException {
    return switch (this) {
      case FILE -> new Served(dir.resolve("remote.git").toUri().toString(), null);
      case GIT_DAEMON -> {
        GitDaemonServer daemon = new GitDaemonServer(dir);
        yield new Served(daemon.url("remote.git"), daemon);
      }
    };
  }
}
