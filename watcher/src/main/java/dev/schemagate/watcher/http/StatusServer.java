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
 * The watcher's HTTP side (JDK {@code HttpServer}): {@code /healthz} (liveness, always 200, with
 * the state), {@code /readyz} (200 only when the last fetch worked and the forge is not failing),
 * {@code /metrics} (Prometheus), {@code /verdicts} (JSON, latest verdict per ref), {@code
 * /commits/<sha>} (one commit's verdict as HTML; {@code .md} for the comment's markdown) and {@code
 * /} (the page of the refs). Read-only; every body goes through the redactor before it leaves.
 */
public final class StatusServer implements AutoCloseable {

  private final HttpServer server;
  private final Watcher watcher;
  private final Metrics metrics;
  private final Redactor redactor;

  public StatusServer(
      InetSocketAddress address, Watcher watcher, Metrics metrics, Redactor redactor)
      throws IOException {
    this.watcher = watcher;
    this.metrics = metrics;
    this.redactor = redactor;
    this.server = HttpServer.create(address, 0);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "schemagate-watch-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/healthz", ex -> health(ex, false));
    server.createContext("/readyz", ex -> health(ex, true));
    server.createContext(
        "/metrics",
        ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render()));
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

  private void health(HttpExchange ex, boolean readiness) throws IOException {
    Watcher.Health h = watcher.health();
    ObjectNode body = VerdictStore.json().createObjectNode();
    // Liveness (/healthz) stays 200 while the remote or the forge is unreachable: the last good
    // verdicts are still served and both are retried, so a restart would not help. Readiness
    // (/readyz) and the status field say whether this watcher is doing its job right now.
    String status =
        h.ready()
            ? "ok"
            : h.lastFetchOk() == null && h.lastFetchError() == null ? "starting" : "degraded";
    body.put("status", status);
    body.put("ready", h.ready());
    body.put("repository", watcher.repositoryUrl());
    body.put("protectedBranch", watcher.protectedBranch());
    body.put("lastPoll", iso(h.lastPoll()));
    body.put("lastSuccessfulFetch", iso(h.lastFetchOk()));
    body.put("consecutiveFetchFailures", h.consecutiveFailures());
    body.put("lastFetchError", h.lastFetchError());
    Watcher.ForgeStatus f = h.forge();
    ObjectNode forge = body.putObject("forge");
    forge.put("name", f.forge());
    forge.put("state", f.state());
    forge.put("lastReport", iso(f.lastOk()));
    forge.put("consecutiveFailures", f.consecutiveFailures());
    forge.put("lastError", f.lastError());
    forge.put("lastErrorAt", iso(f.lastErrorAt()));
    forge.put("retryAt", iso(f.retryAt()));
    body.put("checksWaiting", watcher.retries().size());
    send(ex, readiness && !h.ready() ? 503 : 200, "application/json", body.toPrettyString());
  }

  private static String iso(java.time.Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private void verdicts(HttpExchange ex) throws IOException {
    ArrayNode list = VerdictStore.json().createArrayNode();
    for (RefVerdict r : watcher.refs().values()) {
      ObjectNode n = VerdictStore.json().valueToTree(r);
      watcher
          .verdict(r.commit())
          .ifPresent(
              v -> {
                n.put("base", v.base());
                n.put("mergeBase", v.mergeBase());
                n.put("errors", v.errors());
                n.put("warnings", v.warnings());
                n.put("info", v.info());
                n.set("findingsByRule", VerdictStore.json().valueToTree(v.findingsByRule()));
                n.put("analyzedAt", v.analyzedAt());
                n.set("findings", VerdictStore.json().valueToTree(v.findings()));
              });
      list.add(n);
    }
    send(ex, 200, "application/json", list.toPrettyString());
  }

  private void commit(HttpExchange ex) throws IOException {
    String rest = ex.getRequestURI().getPath().substring("/commits/".length());
    boolean markdown = rest.endsWith(".md");
    String sha = markdown ? rest.substring(0, rest.length() - 3) : rest;
    Optional<Verdict> v = sha.matches("[0-9a-f]{40}") ? watcher.verdict(sha) : Optional.empty();
    if (v.isEmpty()) {
      send(
          ex,
          404,
          "text/plain; charset=utf-8",
          "no verdict for commit "
              + sha.replaceAll("[^0-9a-zA-Z]", "")
              + " (it is not the head of a followed ref, or it has not been checked yet)\n");
      return;
    }
    if (markdown) {
      send(ex, 200, "text/markdown; charset=utf-8", v.get().report());
      return;
    }
    send(
        ex,
        200,
        "text/html; charset=utf-8",
        CommitPage.render(watcher, v.get(), watcher.clock().instant()));
  }

  private void index(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/")) {
      send(
          ex,
          404,
          "text/plain; charset=utf-8",
          "not found: "
              + ex.getRequestURI().getPath().replaceAll("[^0-9a-zA-Z/._-]", "")
              + " (the pages are /, /commits/<sha>, /verdicts, /healthz, /readyz, /metrics)\n");
      return;
    }
    send(ex, 200, "text/html; charset=utf-8", IndexPage.render(watcher, watcher.clock().instant()));
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
