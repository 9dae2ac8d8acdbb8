package dev.schemagate.webhook.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.webhook.Reviews;
import dev.schemagate.webhook.state.SchemaStateCache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /verdict} driven through the states of a window, as Argo Rollouts (GET) and Flagger (POST)
 * ask it: a revision is allowed exactly while the version it requires is live.
 */
@QuarkusTest
class VerdictResourceTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TestHTTPResource("/")
  URI base;

  @Inject SchemaStateCache cache;

  private void window(int contracted, int expanded) {
    cache.replace(
        List.of(
            Reviews.read(
                "{\"apiVersion\": \"schemagate.dev/v1alpha1\", \"kind\": \"SchemaState\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"schemagate\"},"
                    + " \"spec\": {\"track\": \"orders\"}, \"status\": {\"window\": {\"contracted\": "
                    + contracted
                    + ", \"expanded\": "
                    + expanded
                    + "}}}")));
    cache.markSynced();
  }

  private HttpResponse<String> get(String requires) throws Exception {
    String q =
        requires == null
            ? "verdict"
            : "verdict?requires=" + URLEncoder.encode(requires, StandardCharsets.UTF_8);
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(q)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> flagger(String requires) throws Exception {
    String body =
        "{\"name\": \"orders-api\", \"namespace\": \"shop\", \"phase\": \"Progressing\", \"metadata\": {\"requires\": \""
            + requires
            + "\"}}";
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve("verdict"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean allowed(String requires) throws Exception {
    HttpResponse<String> r = get(requires);
    assertEquals(200, r.statusCode(), r.body());
    return Reviews.read(r.body()).path("allowed").asBoolean();
  }

  @Test
  void aRevisionIsAllowedExactlyWhileItsVersionIsLive() throws Exception {
    window(3, 5); // orders@3 contracted, orders@5 expanded
    assertEquals(
        List.of(false, true, true, true, false),
        List.of(
            allowed("orders@2"),
            allowed("orders@3"),
            allowed("orders@4"),
            allowed("orders@5"),
            allowed("orders@6")));
    window(3, 6); // orders@6 expanded: the new revision may now be promoted
    assertEquals(true, allowed("orders@6"));
    window(5, 6); // orders@5 contracted: a rollback to a revision that needs orders@4 is refused
    assertEquals(false, allowed("orders@4"));
    JsonNode denied = Reviews.read(get("orders@4").body());
    assertEquals(5, denied.path("windows").path("orders").path("contracted").asInt());
    assertEquals(6, denied.path("windows").path("orders").path("expanded").asInt());
    assertEquals(false, denied.path("reason").asText().isEmpty());
  }

  @Test
  void flaggerGets200WhileLiveAnd403Otherwise() throws Exception {
    window(3, 5);
    HttpResponse<String> live = flagger("orders@4");
    assertEquals(200, live.statusCode(), live.body());
    HttpResponse<String> gone = flagger("orders@2");
    assertEquals(403, gone.statusCode(), gone.body());
    assertEquals(false, Reviews.read(gone.body()).path("allowed").asBoolean());
  }

  @Test
  void anUnknownTrackIsNotLive() throws Exception {
    window(3, 5);
    assertEquals(false, allowed("billing@1"));
  }

  @Test
  void aMissingOrMalformedRequirementIs400WithTheReason() throws Exception {
    window(3, 5);
    HttpResponse<String> none = get(null);
    assertEquals(400, none.statusCode());
    assertEquals(
        true,
        Reviews.read(none.body()).path("error").asText().contains("?requires=<track>@<version>"),
        none.body());
    HttpResponse<String> bad = get("orders@zero");
    assertEquals(400, bad.statusCode());
    assertEquals(
        true,
        Reviews.read(bad.body())
            .path("error")
            .asText()
            .contains("version must be a positive integer"),
        bad.body());
    HttpResponse<String> noMetadata = flagger("");
    assertEquals(400, noMetadata.statusCode(), noMetadata.body());
  }
}
