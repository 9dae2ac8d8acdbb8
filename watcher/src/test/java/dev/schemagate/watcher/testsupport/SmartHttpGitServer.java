package dev.schemagate.watcher.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git's smart HTTP protocol (fetch side: {@code info/refs?service=git-upload-pack} and {@code
 * git-upload-pack}) on the JDK's HTTP server, with JGit's {@link UploadPack}, behind HTTP Basic
 * authentication: the transport forges use, with a password that can be wrong.
 */
public final class SmartHttpGitServer implements AutoCloseable {

  private final HttpServer server;
  private final Repository repo;
  private final String authorization;

  public SmartHttpGitServer(Repository repo, String user, String password) throws IOException {
    this.repo = repo;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/repo.git/", this::handle);
    server.start();
  }

  /** The URL without credentials. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo.git";
  }

  /** The URL with credentials in its user-info. */
  public String url(String user, String password) {
    return "http://"
        + user
        + ":"
        + password
        + "@127.0.0.1:"
        + server.getAddress().getPort()
        + "/repo.git";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (path.endsWith("/info/refs")
          && "service=git-upload-pack".equals(ex.getRequestURI().getQuery())) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PacketLineOut out = new PacketLineOut(buf);
        out.writeString("# service=git-upload-pack\n");
        out.end();
        UploadPack up = new UploadPack(repo);
        up.setBiDirectionalPipe(false);
        up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
        send(ex, "application/x-git-upload-pack-advertisement", buf.toByteArray());
      } else if (path.endsWith("/git-upload-pack") && ex.getRequestMethod().equals("POST")) {
        InputStream in = ex.getRequestBody();
        if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
          in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        UploadPack up = new UploadPack(repo);
        up.setBiDirectionalPipe(false);
        up.upload(in, buf, null);
        send(ex, "application/x-git-upload-pack-result", buf.toByteArray());
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    }
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
