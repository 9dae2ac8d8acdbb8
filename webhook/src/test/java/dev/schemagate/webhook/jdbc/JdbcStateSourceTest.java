package dev.schemagate.webhook.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.contract.history.HistorySchemaScripts;
import dev.schemagate.testing.Await;
import dev.schemagate.webhook.Reviews;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JDBC state source on a real PostgreSQL 17 whose history schema is the runner's own DDL: not
 * ready until the first read succeeds, decisions follow track_state, and a failing read keeps the
 * last good state while metrics and health say so.
 */
@QuarkusTest
@TestProfile(JdbcStateProfile.class)
class JdbcStateSourceTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TestHTTPResource("/")
  URI base;

  @Test
  void readsTrackStateKeepsTheLastGoodStateAndSaysSo() throws Exception {
    // No history schema yet: every read fails, the webhook is not ready and says why.
    HttpResponse<String> ready = get("q/health/ready");
    assertEquals(503, ready.statusCode(), ready.body());
    String why = await("q/health/ready", r -> r.body().contains("lastError")).body();
    assertTrue(why.contains("schemagate.track_state") && why.contains("does not exist"), why);

    List<String> install = new ArrayList<>(HistorySchemaScripts.all());
    install.add(
        "INSERT INTO schemagate.track_state (track, contracted, expanded) VALUES ('orders', 4, 7)");
    EmbeddedPostgresResource.sql(install.toArray(String[]::new));
    await("q/health/ready", r -> r.statusCode() == 200);
    assertEquals(
        "orders@8 is not live: live window is 4..7; apply orders@8 first",
        decide("orders@8").path("status").path("message").asText());

    // The runner finishes expand+backfill of orders@8: the next poll admits it.
    EmbeddedPostgresResource.sql(
        "UPDATE schemagate.track_state SET expanded = 8, last_version = 8, last_phase = 'backfill'"
            + " WHERE track = 'orders'");
    awaitDecision("orders@8", true);

    // Reads start failing: the last good window (4..8) stays in force; metrics and health show it.
    double failuresBefore = metric("schemagate_state_polls_total", "failure");
    EmbeddedPostgresResource.sql("ALTER TABLE schemagate.track_state RENAME TO track_state_moved");
    await(
        "q/health/ready",
        r ->
            r.body().contains("\"consecutiveFailures\": 2")
                || r.body().contains("\"consecutiveFailures\":2"));
    HttpResponse<String> degraded = get("q/health/ready");
    assertEquals(
        200, degraded.statusCode(), "the last good state is still served: " + degraded.body());
    assertTrue(degraded.body().contains("lastError"), degraded.body());
    assertTrue(decide("orders@8").path("allowed").asBoolean(), "decided from the last good state");
    assertTrue(metric("schemagate_state_polls_total", "failure") > failuresBefore);

    EmbeddedPostgresResource.sql(
        "ALTER TABLE schemagate.track_state_moved RENAME TO track_state",
        "UPDATE schemagate.track_state SET contracted = 8 WHERE track = 'orders'");
    awaitDecision("orders@7", false);
    assertTrue(get("q/health/ready").body().replace(" ", "").contains("\"consecutiveFailures\":0"));
  }

  private JsonNode decide(String requires) throws Exception {
    byte[] body =
        Reviews.JSON.writeValueAsBytes(
            Reviews.review(
                "uid-jdbc",
                "CREATE",
                "shop",
                Reviews.workload("Deployment", requires),
                null,
                false));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Reviews.read(r.body()).path("response");
  }

  private void awaitDecision(String requires, boolean allowed) throws Exception {
    Await.value(
        requires + " to become allowed=" + allowed,
        Duration.ofSeconds(30),
        () -> decide(requires),
        answer -> answer.path("allowed").asBoolean() == allowed);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition)
      throws Exception {
    return Await.value(
        path + " to answer as expected", Duration.ofSeconds(30), () -> get(path), condition);
  }

  private double metric(String name, String outcome) throws Exception {
    String text = get("q/metrics").body();
    Matcher m =
        Pattern.compile("(?m)^" + name + "\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\} (\\S+)$")
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
