package dev.schemagate.watcher.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.schemagate.watcher.Redactor;
import dev.schemagate.watcher.Watcher;
import dev.schemagate.watcher.state.RefVerdict;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.state.VerdictStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The watcher's HTTP side (JDK {@code HttpServer}): {@code /healthz}, {@code /metrics}
 * (Prometheus), {@code /verdicts} (JSON, latest verdict per ref), {@code /commits/<sha>} (one
 * commit's markdown report) and {@code /} (an HTML table of the refs). Read-only; every body goes
 * through the redactor before it leaves.
 */
public final class StatusServer implements AutoCloseable {

  private final HttpServer server;
  private final Watcher watcher;
  private final Metrics metrics;
  private final Redactor redactor;

  public StatusServer(InetSocketAddress address, Watcher watcher, Metrics metrics, Redactor redactor) throws IOException {
    this.watcher = watcher;
    this.metrics = metrics;
    this.redactor = redactor;
    this.server = HttpServer.create(address, 0);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "schemagate-watch-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/healthz", this::health);
    server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render()));
    server.createContext("/verdicts", this::verdicts);
    server.createContext("/commits/", this::commit);
    server.createContext("/", this::index);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void health(HttpExchange ex) throws IOException {
    Watcher.Health h = watcher.health();
    ObjectNode body = VerdictStore.json().createObjectNode();
    // Alive is what a liveness probe asks; an unreachable remote is reported, not fatal: the last
    // good verdicts stay served while the fetch is retried.
    body.put("status", "ok");
    body.put("lastPoll", h.lastPoll() == null ? null : h.lastPoll().toString());
    body.put("lastSuccessfulFetch", h.lastFetchOk() == null ? null : h.lastFetchOk().toString());
    body.put("consecutiveFetchFailures", h.consecutiveFailures());
    body.put("lastFetchError", h.lastFetchError());
    body.put("protectedBranch", watcher.protectedBranch());
    send(ex, 200, "application/json", body.toPrettyString());
  }

  private void verdicts(HttpExchange ex) throws IOException {
    ArrayNode list = VerdictStore.json().createArrayNode();
    for (RefVerdict r : watcher.refs().values()) {
      ObjectNode n = VerdictStore.json().valueToTree(r);
      watcher.verdict(r.commit()).ifPresent(v -> {
        n.put("base", v.base());
        n.put("mergeBase", v.mergeBase());
        n.put("errors", v.errors());
        n.put("warnings", v.warnings());
        n.put("info", v.info());
        n.set("findingsByRule", VerdictStore.json().valueToTree(v.findingsByRule()));
        n.put("analyzedAt", v.analyzedAt());
      });
      list.add(n);
    }
    send(ex, 200, "application/json", list.toPrettyString());
  }

  private void commit(HttpExchange ex) throws IOException {
    String sha = ex.getRequestURI().getPath().substring("/commits/".length());
    Optional<Verdict> v = sha.matches("[0-9a-f]{40}") ? watcher.verdict(sha) : Optional.empty();
    if (v.isEmpty()) {
      send(ex, 404, "text/plain; charset=utf-8", "no verdict for commit " + sha.replaceAll("[^0-9a-zA-Z]", "") + "\n");
      return;
    }
    // text/plain: browsers show it instead of downloading it.
    send(ex, 200, "text/plain; charset=utf-8", v.get().report());
  }

  private void index(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/")) {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n");
      return;
    }
    Watcher.Health h = watcher.health();
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>schemagate watch</title>"
        + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
        + "padding:.3em .6em;text-align:left}.success{color:#1a7f37}.failure,.error{color:#cf222e}</style></head><body>"
        + "<h1>schemagate watch</h1>");
    html.append("<p>Last poll: ").append(esc(String.valueOf(h.lastPoll()))).append("; last successful fetch: ")
        .append(esc(String.valueOf(h.lastFetchOk()))).append("</p>");
    if (h.lastFetchError() != null) {
      html.append("<p class=\"error\">").append(esc(h.lastFetchError())).append(" (showing the last good state)</p>");
    }
    html.append("<table><tr><th>ref</th><th>commit</th><th>verdict</th><th>description</th><th>reported</th></tr>");
    for (RefVerdict r : watcher.refs().values()) {
      html.append("<tr><td>").append(esc(r.ref())).append("</td><td><a href=\"commits/").append(esc(r.commit())).append("\">")
          .append(esc(r.commit().substring(0, 12))).append("</a></td><td class=\"").append(esc(r.state())).append("\">")
          .append(esc(r.state())).append("</td><td>").append(esc(r.description())).append("</td><td>")
          .append(r.published() ? "yes" : "pending").append("</td></tr>");
    }
    html.append("</table></body></html>\n");
    send(ex, 200, "text/html; charset=utf-8", html.toString());
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private void send(HttpExchange ex, int status, String type, String body) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = redactor.redact(body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
      if (!ex.getRequestMethod().equals("HEAD")) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
