package dev.schemagate.cli.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Git's own smart-HTTP server (git-http-backend, as a CGI program) behind HTTP Basic
 * authentication, as a forge serves a private repository: a clone without the right password gets
 * 401. Serves the bare repositories under {@code root} at {@code http://127.0.0.1:port/<name>.git}.
 */
final class GitHttpServer implements AutoCloseable {

  static final Path BACKEND = Path.of("/usr/lib/git-core/git-http-backend");

  private final HttpServer http;
  private final Path root;
  private final String expected;

  GitHttpServer(Path root, String user, String password) throws IOException {
    this.root = root;
    this.expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::serve);
    http.start();
  }

  String url(String name) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name + ".git";
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      ProcessBuilder cgi = new ProcessBuilder(BACKEND.toString());
      Map<String, String> env = cgi.environment();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REMOTE_USER", "reader");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", exchange.getRequestURI().getPath());
      String query = exchange.getRequestURI().getRawQuery();
      env.put("QUERY_STRING", query == null ? "" : query);
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      env.put("CONTENT_TYPE", type == null ? "" : type);
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding);
      }
      String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      env.put("CONTENT_LENGTH", String.valueOf(body.length));
      cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = cgi.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(body);
      }
      byte[] out;
      try (InputStream o = p.getInputStream()) {
        out = o.readAllBytes();
      }
      respond(exchange, out);
    }
  }

  /** CGI output: header lines (Status: among them), a blank line, then the body. */
  private static void respond(HttpExchange exchange, byte[] out) throws IOException {
    int split = -1;
    int skip = 0;
    for (int i = 0; i + 1 < out.length; i++) {
      if (out[i] == '\n' && out[i + 1] == '\n') {
        split = i;
        skip = 2;
        break;
      }
      if (i + 3 < out.length
          && out[i] == '\r'
          && out[i + 1] == '\n'
          && out[i + 2] == '\r'
          && out[i + 3] == '\n') {
        split = i;
        skip = 4;
        break;
      }
    }
    if (split < 0) {
      exchange.sendResponseHeaders(500, -1);
      return;
    }
    int status = 200;
    for (String line : new String(out, 0, split, StandardCharsets.UTF_8).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(out, split + skip, out.length - split - skip);
    exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
    if (body.size() > 0) {
      try (OutputStream o = exchange.getResponseBody()) {
        body.writeTo(o);
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
