package dev.schemagate.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.http.StatusServer;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.testsupport.GitDaemonServer;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.SmartHttpGitServer;
import dev.schemagate.watcher.testsupport.TestWatcher;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher over real network transports: git:// (JGit's daemon) and smart HTTP with Basic auth.
 */
class WatcherNetworkTest {

  @TempDir Path dir;

  @Test
  void overGitDaemonANetworkFailureKeepsTheLastGoodStateAndBacksOff() throws Exception {
    try (GitFixture git = GitFixture.create(dir);
        GitDaemonServer daemon = new GitDaemonServer(dir)) {
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit pr = git.commit("app@2");
      git.push("feature", "refs/pull/3/head");

      TestWatcher t =
          TestWatcher.create(dir.resolve("state"), daemon.url("remote.git"), Forge.none());
      try (StatusServer http =
          new StatusServer(
              new InetSocketAddress("127.0.0.1", 0), t.watcher, t.metrics, t.redactor)) {
        http.start();
        Watcher.PollReport ok = t.watcher.poll();
        assertTrue(ok.fetched(), ok.fetchError());
        assertEquals(2, ok.analyzed().size());
        assertEquals(Duration.ofSeconds(1), t.watcher.nextDelay());

        // The network goes away between two polls.
        daemon.stop();
        git.write(
            "migrations/app/0003_more/expand.sql", "CREATE TABLE more (id integer PRIMARY KEY);\n");
        RevCommit later = git.commit("app@3");
        git.push("feature", "refs/pull/3/head");
        Watcher.PollReport failed = t.watcher.poll();
        assertFalse(failed.fetched());
        assertTrue(failed.fetchError().contains("fetch from git://127.0.0.1"), failed.fetchError());
        assertEquals(1, t.metrics.fetchFailures());
        assertEquals(Duration.ofSeconds(2), t.watcher.nextDelay(), "backoff doubles");
        t.watcher.poll();
        assertEquals(Duration.ofSeconds(4), t.watcher.nextDelay());
        t.watcher.poll();
        t.watcher.poll();
        assertEquals(Duration.ofSeconds(8), t.watcher.nextDelay(), "capped at the maximum backoff");
        // The last good verdicts are still served.
        assertEquals(pr.name(), t.watcher.refs().get("refs/pull/3/head").commit());
        String verdicts = get(http, "/verdicts");
        assertTrue(verdicts.contains(pr.name()), verdicts);
        String health = get(http, "/healthz");
        assertTrue(health.contains("\"consecutiveFetchFailures\" : 4"), health);
        assertTrue(get(http, "/metrics").contains("schemagate_watch_fetch_failures_total 4"));
        assertTrue(get(http, "/").contains("showing the last good state"));
        assertTrue(get(http, "/commits/" + pr.name()).contains("lock/create-index-blocking"));
        HttpResponse<String> missing =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + http.port() + "/commits/" + "0".repeat(40)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());

        // The network is back: the new head is checked, the backoff resets.
        daemon.start();
        Watcher.PollReport back = t.watcher.poll();
        assertTrue(back.fetched(), back.fetchError());
        assertEquals(List.of(later.name()), back.analyzed());
        assertEquals(Duration.ofSeconds(1), t.watcher.nextDelay());
        assertNull(t.watcher.health().lastFetchError());
        assertTrue(
            t.log.toString().contains("fetch works again after 4 failure(s)"), t.log.toString());
      }
      t.watcher.close();
    }
  }

  @Test
  void overSmartHttpAWrongTokenFailsClearlyAndNeverLeaks() throws Exception {
    String user = "ci-bot";
    String goodToken = "ghp_GoodToken1234567890";
    String badToken = "ghp_WrongToken0987654321";
    try (GitFixture git = GitFixture.create(dir);
        SmartHttpGitServer server =
            new SmartHttpGitServer(git.remote.getRepository(), user, goodToken)) {
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      git.commit("app@2");
      git.push("feature", "refs/pull/1/head");

      Path state = dir.resolve("state");
      TestWatcher bad = TestWatcher.create(state, server.url(user, badToken), Forge.none());
      try (StatusServer http =
          new StatusServer(
              new InetSocketAddress("127.0.0.1", 0), bad.watcher, bad.metrics, bad.redactor)) {
        http.start();
        Watcher.PollReport r = bad.watcher.poll();
        assertFalse(r.fetched());
        assertTrue(r.fetchError().toLowerCase().contains("not authorized"), r.fetchError());
        assertTrue(
            r.fetchError().contains(server.url()), "names the repository: " + r.fetchError());
        assertEquals(Duration.ofSeconds(2), bad.watcher.nextDelay(), "retried later, with backoff");
        String everything =
            bad.log
                + r.fetchError()
                + get(http, "/healthz")
                + get(http, "/metrics")
                + get(http, "/verdicts")
                + get(http, "/");
        assertFalse(everything.contains(badToken), everything);
        assertFalse(everything.contains(user + ":"), everything);
      }
      bad.watcher.close();

      TestWatcher good = TestWatcher.create(state, server.url(user, goodToken), Forge.none());
      try (StatusServer http =
          new StatusServer(
              new InetSocketAddress("127.0.0.1", 0), good.watcher, good.metrics, good.redactor)) {
        http.start();
        Watcher.PollReport r = good.watcher.poll();
        assertTrue(r.fetched(), r.fetchError());
        assertEquals(2, r.analyzed().size());
        assertEquals(Verdict.FAILURE, good.watcher.refs().get("refs/pull/1/head").state());
        String served =
            good.log
                + get(http, "/healthz")
                + get(http, "/metrics")
                + get(http, "/verdicts")
                + get(http, "/");
        StringBuilder stored = new StringBuilder();
        try (Stream<Path> files = Files.walk(state)) {
          for (Path f :
              files
                  .filter(
                      f ->
                          f.toString().endsWith(".json")
                              || f.getFileName().toString().equals("config"))
                  .toList()) {
            stored.append(Files.readString(f));
          }
        }
        assertNotNull(stored.toString());
        for (String secret : List.of(goodToken, badToken)) {
          assertFalse(served.contains(secret), "served or logged: " + served);
          assertFalse(stored.toString().contains(secret), "stored in the state directory");
        }
      }
      good.watcher.close();
    }
  }

  static String get(StatusServer server, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }
}
