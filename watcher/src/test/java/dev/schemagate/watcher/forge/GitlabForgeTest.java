package dev.schemagate.watcher.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GitLab client against WireMock with the shapes of GitLab's REST documentation
 * (src/test/resources/gitlab).
 */
class GitlabForgeTest {

  static final String SHA = "18f3e63d05582537db6d183d9d557be09e1f90c8";
  static final String TOKEN = "glpat-XXXXXXXXXXXXXXXXXXXX";
  static final String PROJECT = "/api/v4/projects/group%2Fshop";

  WireMockServer gitlab;

  @BeforeEach
  void start() {
    gitlab = new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("gitlab"));
    gitlab.start();
  }

  @AfterEach
  void stop() {
    gitlab.stop();
  }

  GitlabForge forge() {
    return new GitlabForge(
        URI.create(gitlab.baseUrl() + "/api/v4"),
        "group/shop",
        TOKEN,
        Duration.ofSeconds(5),
        HttpClient.newHttpClient(),
        d -> Thread.sleep(d.toMillis()));
  }

  @Test
  void aCommitStatusHasTheDocumentedShape() throws Exception {
    gitlab.stubFor(
        post(PROJECT + "/statuses/" + SHA)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("status-created.json")));
    forge()
        .setStatus(
            SHA, Forge.CommitState.FAILURE, "1 error", "http://watch.example/commits/" + SHA);
    gitlab.verify(
        postRequestedFor(urlEqualTo(PROJECT + "/statuses/" + SHA))
            .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
            .withRequestBody(
                equalToJson(
                    """
            {"state":"failed","name":"schemagate","description":"1 error","target_url":"http://watch.example/commits/%s"}"""
                        .formatted(SHA))));
  }

  @Test
  void theStickyNoteIsCreatedOnceThenEdited() throws Exception {
    String notes = PROJECT + "/merge_requests/12/notes";
    gitlab.stubFor(
        get(urlPathEqualTo(notes))
            .inScenario("note")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("notes-others.json")));
    gitlab.stubFor(
        post(notes)
            .inScenario("note")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("note-created.json"))
            .willSetStateTo("created"));
    gitlab.stubFor(
        get(urlPathEqualTo(notes))
            .inScenario("note")
            .whenScenarioStateIs("created")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("notes-with-ours.json")));
    gitlab.stubFor(
        put(notes + "/305")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("note-created.json")));
    GitlabForge forge = forge();
    forge.upsertComment(
        12, "<!-- schemagate-report -->\n## ✅ schemagate: nothing blocks this change\n");
    forge.upsertComment(
        12, "<!-- schemagate-report -->\n## ❌ schemagate: 1 error blocks this change\n");
    gitlab.verify(1, postRequestedFor(urlEqualTo(notes)));
    gitlab.verify(
        1,
        putRequestedFor(urlEqualTo(notes + "/305"))
            .withRequestBody(
                equalToJson(
                    "{\"body\":\"<!-- schemagate-report -->\\n## ❌ schemagate: 1 error blocks this change\\n\"}")));
  }

  @Test
  void aRefusedTokenIsNamedWithoutQuotingIt() {
    gitlab.stubFor(
        post(PROJECT + "/statuses/" + SHA)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBodyFile("unauthorized.json")));
    ForgeException e =
        assertThrows(
            ForgeException.class,
            () -> forge().setStatus(SHA, Forge.CommitState.SUCCESS, "ok", null));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertEquals(12, forge().changeNumber("refs/merge-requests/12/head").getAsLong());
  }
}
