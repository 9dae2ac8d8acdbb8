package dev.schemagate.watcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.forge.GithubForge;
import dev.schemagate.watcher.http.StatusServer;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.MutableClock;
import dev.schemagate.watcher.testsupport.TestWatcher;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the forge side does to verdicts: nothing. An outage delays reporting, never serving. */
class WatcherForgeTest {

  static final String REPO = "/repos/octo-org/hello-world";

  @TempDir Path dir;

  @Test
  void withoutAForgeVerdictsAreNeverCalledPublished() throws Exception {
    try (GitFixture git = GitFixture.create(dir)) {
      TestWatcher t = TestWatcher.create(dir.resolve("state"), git.url(), Forge.none());
      Watcher.PollReport r = t.watcher.poll();
      assertEquals(1, r.analyzed().size());
      assertEquals(List.of(), r.published());
      assertFalse(t.watcher.refs().get("refs/heads/main").published());
      assertTrue(
          t.metrics.render().contains("schemagate_watch_verdicts_published_total 0\n"),
          t.metrics.render());
      assertTrue(
          t.metrics.render().contains("schemagate_watch_verdicts_unpublished 0\n"),
          "nothing waits for a forge");
      assertEquals(Watcher.ForgeStatus.NONE, t.watcher.health().forge().state());
      assertTrue(t.watcher.health().ready(), "no forge is not a failing forge");
      assertEquals(List.of(), t.watcher.poll().analyzed(), "and nothing is checked again for it");
      t.watcher.close();
    }
  }

  @Test
  void duringAForgeOutageVerdictsAreServedAtOnceAndPublishingCatchesUpAfterwards()
      throws Exception {
    WireMockServer github =
        new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("github"));
    github.start();
    try (GitFixture git = GitFixture.create(dir)) {
      github.stubFor(
          post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}"))
              .willReturn(aResponse().withStatus(503).withFixedDelay(200)));
      GithubForge forge =
          new GithubForge(
              URI.create(github.baseUrl()), "octo-org/hello-world", "ghp_x", Duration.ofSeconds(5));
      MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
      TestWatcher t = TestWatcher.create(dir.resolve("state"), git.url(), forge, clock);
      ObjectId main = git.remoteRef("refs/heads/main");

      CompletableFuture<Watcher.PollReport> poll = CompletableFuture.supplyAsync(t.watcher::poll);
      // While the poll is still waiting on the forge (it retries a 503 with pauses), the verdict is
      // served.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (github.getAllServeEvents().isEmpty()
          && System.nanoTime() < deadline
          && !poll.isDone()) {
        Thread.onSpinWait();
      }
      assertFalse(github.getAllServeEvents().isEmpty(), "the forge was asked");
      assertFalse(poll.isDone(), "the poll is still busy with the forge");
      assertEquals(Verdict.SUCCESS, t.watcher.refs().get("refs/heads/main").state());
      assertEquals(main.name(), t.watcher.refs().get("refs/heads/main").commit());

      Watcher.PollReport during = poll.get(60, TimeUnit.SECONDS);
      assertEquals(List.of(), during.published());
      assertEquals(
          4, github.getAllServeEvents().size(), "one request, retried three times within the poll");
      assertEquals(Watcher.ForgeStatus.FAILING, t.watcher.health().forge().state());
      assertTrue(
          t.watcher.health().forge().lastError().contains("503"),
          t.watcher.health().forge().lastError());
      try (StatusServer http =
          new StatusServer(
              new InetSocketAddress("127.0.0.1", 0), t.watcher, t.metrics, t.redactor)) {
        http.start();
        // Not ready while the forge fails, with the error; the page shows it with the next try.
        JsonNode ready = WatcherHealthTest.json(WatcherHealthTest.get(http, "/readyz", 503));
        assertEquals("degraded", ready.path("status").asText());
        assertEquals("failing", ready.path("forge").path("state").asText());
        assertEquals("2026-12-07T10:00:01Z", ready.path("forge").path("retryAt").asText());
        assertTrue(
            ready
                .path("forge")
                .path("lastError")
                .asText()
                .startsWith("GitHub POST " + REPO + "/statuses/" + main.name() + " → 503"),
            ready.toString());
        String page = WatcherHealthTest.get(http, "/", 200);
        assertTrue(
            page.contains(
                "<strong>Forge</strong> github <span class=\"badge failing\">failing</span>"),
            page);
        assertTrue(
            page.contains(
                "1 failure(s) in a row: <span class=\"error-text\">GitHub POST "
                    + REPO
                    + "/statuses/"),
            page);
        assertTrue(page.contains(" · forge: not reported yet"), page);
      }

      // The forge is back: after the pause, the next poll publishes without checking again.
      github.resetAll();
      github.stubFor(
          post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}"))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("status-created.json")));
      clock.advance(Duration.ofSeconds(1));
      Watcher.PollReport after = t.watcher.poll();
      assertEquals(List.of(), after.analyzed());
      assertEquals(List.of("refs/heads/main"), after.published());
      github.verify(1, postRequestedFor(urlEqualTo(REPO + "/statuses/" + main.name())));
      assertTrue(t.watcher.refs().get("refs/heads/main").published());
      t.watcher.close();
    } finally {
      github.stop();
    }
  }

  @Test
  void aTokenGitlabRefusesIsTriedOncePerPauseNotOncePerMergeRequest() throws Exception {
    WireMockServer gitlab =
        new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("gitlab"));
    gitlab.start();
    try (GitFixture git = GitFixture.create(dir)) {
      String project = "/projects/group%2Fshop";
      gitlab.stubFor(
          post(urlPathMatching(project + "/statuses/[0-9a-f]{40}"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("unauthorized.json")));
      for (int mr = 1; mr <= 3; mr++) {
        git.push("main", "refs/merge-requests/" + mr + "/head");
      }
      git.branch("other", "main");
      git.checkout("other");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      git.commit("app@2");
      git.push("other", "refs/merge-requests/4/head");
      var forge =
          new dev.schemagate.watcher.forge.GitlabForge(
              URI.create(gitlab.baseUrl()), "group/shop", "glpat-refused", Duration.ofSeconds(5));
      MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
      TestWatcher t =
          TestWatcher.create(
              dir.resolve("state"),
              git.url(),
              forge,
              dev.schemagate.watcher.analysis.PolicyFingerprint.bundled(),
              dev.schemagate.watcher.analysis.CommitChecker.DEFAULT_MAX_FILE_BYTES,
              forge.defaultRefPatterns(),
              "",
              null,
              clock);

      t.watcher.poll();
      assertEquals(5, t.watcher.refs().size(), "main and four merge requests, all served");
      assertEquals(1, gitlab.getAllServeEvents().size(), "one refused request, not one per ref");
      for (int i = 0; i < 5; i++) {
        t.watcher.poll(); // within the pause: GitLab is not asked again
      }
      assertEquals(1, gitlab.getAllServeEvents().size());
      clock.advance(Duration.ofSeconds(1));
      t.watcher.poll();
      assertEquals(2, gitlab.getAllServeEvents().size(), "asked again once the pause is over");
      assertEquals(
          clock.instant().plusSeconds(2),
          t.watcher.health().forge().retryAt(),
          "and the pause doubled");
      assertEquals(2, t.metrics.forgeFailures());
      assertTrue(t.metrics.render().contains("schemagate_watch_forge_failures_total 2\n"));
      assertTrue(t.metrics.render().contains("schemagate_watch_verdicts_unpublished 5\n"));
      String log = t.log.toString();
      assertEquals(
          2,
          log.split("reporting to gitlab failed", -1).length - 1,
          "logged once per attempt: " + log);
      assertTrue(log.contains("the token was refused"), log);
      assertFalse(log.contains("glpat-refused"), log);
      t.watcher.close();
    } finally {
      gitlab.stop();
    }
  }
}
