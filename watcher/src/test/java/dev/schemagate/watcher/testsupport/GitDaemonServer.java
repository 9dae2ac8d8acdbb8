package dev.schemagate.watcher.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.DaemonClient;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * JGit's git-daemon ({@code git://}) serving the repositories of one folder on 127.0.0.1. It can be
 * stopped and started again on the same port, to cut the network between two polls.
 */
public final class GitDaemonServer implements AutoCloseable {

  private final Path base;
  private int port;
  private Daemon daemon;

  public GitDaemonServer(Path base) throws IOException {
    this.base = base;
    start();
  }

  public synchronized void start() throws IOException {
    Daemon d = new Daemon(new InetSocketAddress("127.0.0.1", port));
    d.getService("git-upload-pack").setEnabled(true);
    d.setRepositoryResolver(new FileResolver<DaemonClient>(base.toFile(), true));
    d.start();
    port = d.getAddress().getPort();
    daemon = d;
  }

  public synchronized void stop() {
    if (daemon != null) {
      try {
        daemon.stopAndWait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      daemon = null;
    }
  }

  public String url(String repository) {
    return "git://127.0.0.1:" + port + "/" + repository;
  }

  @Override
  public void close() {
    stop();
  }
}
