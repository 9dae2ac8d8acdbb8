package dev.schemagate.watcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.schemagate.watcher.forge.GithubForge;
import dev.schemagate.watcher.state.Verdict;
import dev.schemagate.watcher.testsupport.GitDaemonServer;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.MutableClock;
import dev.schemagate.watcher.testsupport.TestWatcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push to a git:// remote ends as a commit status and one sticky comment on a (WireMock) GitHub.
 */
class WatcherGithubEndToEndTest {

  static final String TOKEN = "ghp_EndToEndToken000000000000000000000";
  static final String REPO = "/repos/octo-org/hello-world";

  @TempDir Path dir;
  WireMockServer github;

  @BeforeEach
  void start() {
    github = new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("github"));
    github.start();
  }

  @AfterEach
  void stop() {
    github.stop();
  }

  @Test
  void aPullRequestGetsAStatusAndOneCommentAndAFailedReportIsRetried() throws Exception {
    github.stubFor(
        post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("bad-credentials.json")));
    try (GitFixture git = GitFixture.create(dir);
        GitDaemonServer daemon = new GitDaemonServer(dir)) {
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit pr = git.commit("app@2");
      git.push("feature", "refs/pull/7/head");
      ObjectId main = git.remoteRef("refs/heads/main");

      GithubForge forge =
          new GithubForge(
              URI.create(github.baseUrl()), "octo-org/hello-world", TOKEN, Duration.ofSeconds(5));
      MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
      TestWatcher t =
          TestWatcher.create(dir.resolve("state"), daemon.url("remote.git"), forge, clock);

      // The token is refused: the verdicts are served at once, not marked as reported; one request
      // was tried (not one per ref) and the failure is logged once, with the pause before the next
      // try.
      Watcher.PollReport refused = t.watcher.poll();
      assertEquals(2, refused.analyzed().size());
      assertEquals(List.of(), refused.published());
      assertEquals(Verdict.FAILURE, t.watcher.refs().get("refs/pull/7/head").state());
      assertFalse(t.watcher.refs().get("refs/pull/7/head").published());
      assertEquals(1, github.getAllServeEvents().size());
      assertTrue(
          t.log
              .toString()
              .contains(
                  "reporting to github failed (1 in a row; 2 verdict(s) served but not reported),"
                      + " next try in 1 s: GitHub POST "
                      + REPO
                      + "/statuses/"),
          t.log.toString());
      assertTrue(t.log.toString().contains("token was refused"), t.log.toString());
      assertFalse(t.log.toString().contains(TOKEN));
      Watcher.ForgeStatus failing = t.watcher.health().forge();
      assertEquals(Watcher.ForgeStatus.FAILING, failing.state());
      assertEquals(clock.instant().plusSeconds(1), failing.retryAt());
      assertFalse(t.watcher.health().ready());
      assertTrue(t.metrics.render().contains("schemagate_watch_forge_up 0\n"));
      assertTrue(t.metrics.render().contains("schemagate_watch_verdicts_unpublished 2\n"));

      // Polls within the pause do not ask the forge again.
      t.watcher.poll();
      assertEquals(1, github.getAllServeEvents().size());
      assertEquals(1, t.metrics.forgeFailures());

      // The token is fixed; once the pause is over, the next poll reports without checking again.
      clock.advance(Duration.ofSeconds(1));
      github.resetAll();
      github.stubFor(
          post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}"))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("status-created.json")));
      github.stubFor(
          get(urlPathEqualTo(REPO + "/issues/7/comments"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("comments-others.json")));
      github.stubFor(
          post(REPO + "/issues/7/comments")
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("comment-created.json")));
      Watcher.PollReport reported = t.watcher.poll();
      assertEquals(List.of(), reported.analyzed());
      assertEquals(List.of("refs/heads/main", "refs/pull/7/head"), reported.published());
      github.verify(
          1,
          postRequestedFor(urlEqualTo(REPO + "/statuses/" + pr.name()))
              .withRequestBody(matchingJsonPath("$.state", containing("failure")))
              .withRequestBody(matchingJsonPath("$.context", containing("schemagate")))
              .withRequestBody(
                  matchingJsonPath(
                      "$.target_url", containing("http://watch.example/commits/" + pr.name()))));
      github.verify(
          1,
          postRequestedFor(urlEqualTo(REPO + "/statuses/" + main.name()))
              .withRequestBody(matchingJsonPath("$.state", containing("success"))));
      github.verify(
          1,
          postRequestedFor(urlEqualTo(REPO + "/issues/7/comments"))
              .withRequestBody(matchingJsonPath("$.body", containing("<!-- schemagate-report -->")))
              .withRequestBody(
                  matchingJsonPath("$.body", containing("lock/create-index-blocking"))));
      assertEquals(Watcher.ForgeStatus.OK, t.watcher.health().forge().state());
      assertTrue(t.watcher.health().ready());
      assertTrue(
          t.log.toString().contains("reporting to github works again after 1 failure(s)"),
          t.log.toString());
      assertTrue(t.metrics.render().contains("schemagate_watch_verdicts_unpublished 0\n"));

      // Nothing new: nothing sent.
      int before = github.getAllServeEvents().size();
      Watcher.PollReport quiet = t.watcher.poll();
      assertEquals(List.of(), quiet.published());
      assertEquals(before, github.getAllServeEvents().size());
      t.watcher.close();
    }
  }
}
