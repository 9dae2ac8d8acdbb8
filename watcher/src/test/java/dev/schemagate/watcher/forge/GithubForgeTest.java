package dev.schemagate.watcher.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GitHub client against a WireMock server answering with the request and response shapes of
 * GitHub's REST documentation (fixtures in src/test/resources/github/__files).
 */
class GithubForgeTest {

  static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
  static final String REPO = "/repos/octo-org/hello-world";
  static final String OURS =
      "<!-- schemagate-report -->\n## ✅ schemagate: nothing blocks this change\n";

  WireMockServer github;
  final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    github = new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("github"));
    github.start();
  }

  @AfterEach
  void stop() {
    github.stop();
  }

  GithubForge forge(Duration maxWait) {
    return new GithubForge(
        URI.create(github.baseUrl()),
        "octo-org/hello-world",
        TOKEN,
        maxWait,
        HttpClient.newHttpClient(),
        d -> {
          waits.add(d);
          Thread.sleep(d.toMillis());
        });
  }

  @Test
  void aCommitStatusHasTheDocumentedShape() throws Exception {
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("status-created.json")));
    forge(Duration.ofSeconds(5))
        .setStatus(
            SHA,
            Forge.CommitState.FAILURE,
            "1 error, 0 warnings, 0 info in 1 file (1 statement), compared with main",
            "http://watch.example/commits/" + SHA);
    github.verify(
        1,
        postRequestedFor(urlEqualTo(REPO + "/statuses/" + SHA))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
            .withRequestBody(
                equalToJson(
                    """
            {"state": "failure",
             "target_url": "http://watch.example/commits/%s",
             "description": "1 error, 0 warnings, 0 info in 1 file (1 statement), compared with main",
             "context": "schemagate"}"""
                        .formatted(SHA))));
  }

  @Test
  void theStickyCommentIsCreatedOnceThenEditedAndLeftAloneWhenUnchanged() throws Exception {
    String comments = REPO + "/issues/7/comments";
    github.stubFor(
        get(urlPathEqualTo(comments))
            .inScenario("comment")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("comments-others.json")));
    github.stubFor(
        post(comments)
            .inScenario("comment")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("comment-created.json"))
            .willSetStateTo("created"));
    github.stubFor(
        get(urlPathEqualTo(comments))
            .inScenario("comment")
            .whenScenarioStateIs("created")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("comments-with-ours.json")));
    github.stubFor(
        patch(urlEqualTo(REPO + "/issues/comments/42"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("comment-created.json")));

    GithubForge forge = forge(Duration.ofSeconds(5));
    forge.upsertComment(7, OURS);
    github.verify(
        1,
        postRequestedFor(urlEqualTo(comments))
            .withRequestBody(equalToJson("{\"body\": " + json(OURS) + "}")));
    github.verify(getRequestedFor(urlEqualTo(comments + "?per_page=100")));

    String failing = "<!-- schemagate-report -->\n## ❌ schemagate: 1 error blocks this change\n";
    forge.upsertComment(7, failing);
    github.verify(1, postRequestedFor(urlEqualTo(comments)));
    github.verify(
        1,
        patchRequestedFor(urlEqualTo(REPO + "/issues/comments/42"))
            .withRequestBody(equalToJson("{\"body\": " + json(failing) + "}")));

    // The fixture still holds the first body: posting it again changes nothing, so nothing is sent.
    forge.upsertComment(7, OURS);
    github.verify(1, patchRequestedFor(urlEqualTo(REPO + "/issues/comments/42")));
    github.verify(1, postRequestedFor(urlEqualTo(comments)));
  }

  @Test
  void theCommentIsFoundOnALaterPageThroughTheLinkHeader() throws Exception {
    String comments = REPO + "/issues/7/comments";
    String page2 = "/repositories/1296269/issues/7/comments?per_page=100&page=2";
    github.stubFor(
        get(urlEqualTo(comments + "?per_page=100"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader(
                        "Link",
                        "<"
                            + github.baseUrl()
                            + page2
                            + ">; rel=\"next\", <"
                            + github.baseUrl()
                            + page2
                            + ">; rel=\"last\"")
                    .withBodyFile("comments-others.json")));
    github.stubFor(
        get(urlEqualTo(page2))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader(
                        "Link",
                        "<"
                            + github.baseUrl()
                            + comments
                            + "?per_page=100&page=1>; rel=\"prev\", <"
                            + github.baseUrl()
                            + comments
                            + "?per_page=100&page=1>; rel=\"first\"")
                    .withBodyFile("comments-with-ours.json")));
    github.stubFor(
        patch(urlEqualTo(REPO + "/issues/comments/42"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("comment-created.json")));
    forge(Duration.ofSeconds(5)).upsertComment(7, "<!-- schemagate-report -->\nnew\n");
    github.verify(1, getRequestedFor(urlEqualTo(page2)));
    github.verify(1, patchRequestedFor(urlEqualTo(REPO + "/issues/comments/42")));
    github.verify(0, postRequestedFor(urlEqualTo(comments)));
  }

  @Test
  void aRefusedTokenIsNamedWithoutQuotingIt() {
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("bad-credentials.json")));
    ForgeException e =
        assertThrows(
            ForgeException.class,
            () ->
                forge(Duration.ofSeconds(5)).setStatus(SHA, Forge.CommitState.SUCCESS, "ok", null));
    assertEquals(401, e.status());
    assertTrue(
        e.getMessage().contains("Bad credentials") && e.getMessage().contains("token was refused"),
        e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    github.verify(1, postRequestedFor(urlEqualTo(REPO + "/statuses/" + SHA)));
  }

  @Test
  void aMissingPermissionIsNamed() {
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-RateLimit-Remaining", "4999")
                    .withBodyFile("resource-not-accessible.json")));
    ForgeException e =
        assertThrows(
            ForgeException.class,
            () ->
                forge(Duration.ofSeconds(5)).setStatus(SHA, Forge.CommitState.SUCCESS, "ok", null));
    assertTrue(
        e.getMessage().contains("Resource not accessible by integration")
            && e.getMessage().contains("lacks a permission"),
        e.getMessage());
    assertEquals(List.of(), waits);
  }

  @Test
  void anExhaustedRateLimitIsWaitedOutUntilItsReset() throws Exception {
    long reset = Instant.now().getEpochSecond() + 2;
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-RateLimit-Limit", "5000")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Used", "5000")
                    .withHeader("X-RateLimit-Reset", Long.toString(reset))
                    .withBodyFile("rate-limited.json"))
            .willSetStateTo("reset"));
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .inScenario("limit")
            .whenScenarioStateIs("reset")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("status-created.json")));
    forge(Duration.ofSeconds(10)).setStatus(SHA, Forge.CommitState.SUCCESS, "ok", null);
    github.verify(2, postRequestedFor(urlEqualTo(REPO + "/statuses/" + SHA)));
    assertEquals(1, waits.size());
    assertTrue(waits.get(0).toSeconds() >= 1 && waits.get(0).toSeconds() <= 3, waits.toString());
  }

  @Test
  void aSecondaryLimitsRetryAfterIsHonouredAndATooLongOneFailsAtOnce() throws Exception {
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .inScenario("secondary")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("secondary-rate-limit.json"))
            .willSetStateTo("ok"));
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .inScenario("secondary")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("status-created.json")));
    forge(Duration.ofSeconds(10)).setStatus(SHA, Forge.CommitState.SUCCESS, "ok", null);
    assertEquals(List.of(Duration.ofSeconds(1)), waits);

    github.resetAll();
    waits.clear();
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3600")
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("secondary-rate-limit.json")));
    ForgeException e =
        assertThrows(
            ForgeException.class,
            () ->
                forge(Duration.ofSeconds(10))
                    .setStatus(SHA, Forge.CommitState.SUCCESS, "ok", null));
    assertTrue(e.getMessage().contains("rate limited for 3600 s more"), e.getMessage());
    assertEquals(List.of(), waits);
    github.verify(1, postRequestedFor(urlEqualTo(REPO + "/statuses/" + SHA)));
  }

  @Test
  void aServerErrorIsRetried() throws Exception {
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .inScenario("5xx")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("up"));
    github.stubFor(
        post(REPO + "/statuses/" + SHA)
            .inScenario("5xx")
            .whenScenarioStateIs("up")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("status-created.json")));
    forge(Duration.ofSeconds(10)).setStatus(SHA, Forge.CommitState.ERROR, "cannot check", null);
    github.verify(
        2,
        postRequestedFor(urlEqualTo(REPO + "/statuses/" + SHA))
            .withRequestBody(
                equalToJson(
                    "{\"state\":\"error\",\"description\":\"cannot check\",\"context\":\"schemagate\"}")));
  }

  @Test
  void ownerAndRepositoryComeFromACloneUrl() {
    assertEquals(
        "octo-org/hello-world",
        GithubForge.ownerRepoOf("https://github.com/octo-org/hello-world.git").orElseThrow());
    assertEquals(
        "octo-org/hello-world",
        GithubForge.ownerRepoOf("git@github.com:octo-org/hello-world.git").orElseThrow());
    assertTrue(GithubForge.ownerRepoOf("https://gitlab.com/a/b.git").isEmpty());
    assertEquals(7, forge(Duration.ofSeconds(1)).changeNumber("refs/pull/7/head").getAsLong());
    assertTrue(forge(Duration.ofSeconds(1)).changeNumber("refs/heads/main").isEmpty());
  }

  static String json(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
  }
}
