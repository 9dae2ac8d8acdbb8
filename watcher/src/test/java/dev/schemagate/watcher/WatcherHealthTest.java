package dev.schemagate.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.http.StatusServer;
import dev.schemagate.watcher.state.VerdictStore;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.TestWatcher;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /healthz and /readyz tell whether the watcher does its job: not "ok" before any fetch has worked.
 */
class WatcherHealthTest {

  @TempDir Path dir;

  @Test
  void readinessFollowsTheLastFetchAndAnEmptyRepositoryIsSaidInWords() throws Exception {
    Path remoteDir = dir.resolve("empty.git");
    try (Git empty =
        Git.init().setBare(true).setDirectory(remoteDir.toFile()).setInitialBranch("main").call()) {
      TestWatcher t =
          TestWatcher.create(dir.resolve("state"), remoteDir.toUri().toString(), Forge.none());
      try (StatusServer http =
          new StatusServer(
              new InetSocketAddress("127.0.0.1", 0), t.watcher, t.metrics, t.redactor)) {
        http.start();
        // Nothing fetched yet: alive, not ready, and not "ok".
        JsonNode starting = json(get(http, "/healthz", 200));
        assertEquals("starting", starting.path("status").asText());
        assertFalse(starting.path("ready").asBoolean());
        assertEquals("none", starting.path("forge").path("state").asText());
        get(http, "/readyz", 503);

        // The repository has no commit yet.
        Watcher.PollReport r = t.watcher.poll();
        assertFalse(r.fetched());
        assertEquals(
            "fetch from "
                + remoteDir.toUri()
                + " failed: the repository is empty (its HEAD points to no commit);"
                + " push the protected branch to it, the watcher keeps polling",
            r.fetchError());
        assertFalse(
            t.log.toString().contains("next try in"),
            "a single poll promises no next try: " + t.log);
        JsonNode degraded = json(get(http, "/readyz", 503));
        assertEquals("degraded", degraded.path("status").asText());
        assertEquals(r.fetchError(), degraded.path("lastFetchError").asText());
        assertEquals(1, degraded.path("consecutiveFetchFailures").asInt());
        assertTrue(
            get(http, "/", 200).contains("the repository is empty (its HEAD points to no commit)"),
            "the page shows it");

        // Something is pushed: the next fetch works and the watcher is ready.
        try (GitFixture git = GitFixture.create(dir.resolve("fixture"))) {
          git.push("main", "refs/heads/main");
          git.work
              .push()
              .setRemote(remoteDir.toUri().toString())
              .setRefSpecs(
                  new org.eclipse.jgit.transport.RefSpec("+refs/heads/main:refs/heads/main"))
              .call();
        }
        assertTrue(t.watcher.poll().fetched());
        JsonNode ok = json(get(http, "/readyz", 200));
        assertEquals("ok", ok.path("status").asText());
        assertTrue(ok.path("ready").asBoolean());
        assertTrue(ok.path("lastFetchError").isNull());
        assertTrue(
            ok.path("lastSuccessfulFetch")
                .asText()
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"),
            ok.toString());
      }
      t.watcher.close();
    }
  }

  static JsonNode json(String body) throws Exception {
    return VerdictStore.json().readTree(body);
  }

  static String get(StatusServer server, String path, int status) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), path + ": " + r.body());
    return r.body();
  }
}
