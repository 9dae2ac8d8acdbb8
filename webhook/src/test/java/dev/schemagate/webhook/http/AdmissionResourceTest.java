package dev.schemagate.webhook.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.webhook.Reviews;
import dev.schemagate.webhook.state.SchemaStateCache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook over HTTP, as the API server calls it. */
@QuarkusTest
class AdmissionResourceTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TestHTTPResource("/")
  URI base;

  @Inject SchemaStateCache cache;

  private void publish(int contracted, int expanded) {
    cache.replace(
        List.of(
            Reviews.read(
                "{\"apiVersion\": \"schemagate.dev/v1alpha1\", \"kind\": \"SchemaState\", \"metadata\": {\"name\": \"orders\", \"namespace\": \"schemagate\"},"
                    + " \"spec\": {\"track\": \"orders\"}, \"status\": {\"window\": {\"contracted\": "
                    + contracted
                    + ", \"expanded\": "
                    + expanded
                    + "}}}")));
  }

  private HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode review(String operation, String namespace, JsonNode object, JsonNode oldObject)
      throws Exception {
    HttpResponse<String> r =
        post(
            "validate",
            Reviews.JSON.writeValueAsBytes(
                Reviews.review("uid-1", operation, namespace, object, oldObject, false)),
            "application/json");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = Reviews.read(r.body());
    assertEquals("admission.k8s.io/v1", answer.path("apiVersion").asText());
    assertEquals("AdmissionReview", answer.path("kind").asText());
    assertEquals("uid-1", answer.path("response").path("uid").asText());
    return answer.path("response");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyOnceTheStateHasSynced() throws Exception {
    HttpResponse<String> ready = get("q/health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("schemastate-cache"), ready.body());
    // Without TLS no API server can call this webhook, so it warms nothing up and waits for
    // nothing.
    assertTrue(ready.body().contains("none: no HTTPS listener"), ready.body());
    assertEquals(200, get("q/health/live").statusCode());
  }

  @BeforeEach
  void window() {
    publish(4, 7);
    cache.markSynced();
  }

  @Test
  void liveRequirementIsAllowed() throws Exception {
    JsonNode response = review("CREATE", "shop", Reviews.workload("Deployment", "orders@6"), null);
    assertTrue(response.path("allowed").asBoolean());
    assertEquals("allow", response.path("auditAnnotations").path("decision").asText());
  }

  @Test
  void requirementAboveTheWindowIsDeniedWithTheMessageAndCode() throws Exception {
    JsonNode response = review("CREATE", "shop", Reviews.workload("Rollout", "orders@9"), null);
    assertFalse(response.path("allowed").asBoolean());
    assertEquals(403, response.path("status").path("code").asInt());
    assertEquals(
        "orders@9 is not live: live window is 4..7; apply orders@8–9 first",
        response.path("status").path("message").asText());
  }

  @Test
  void decisionsFollowTheState() throws Exception {
    JsonNode d = Reviews.workload("StatefulSet", "orders@8");
    assertFalse(review("CREATE", "shop", d, null).path("allowed").asBoolean());
    publish(4, 8);
    assertTrue(review("CREATE", "shop", d, null).path("allowed").asBoolean());
    publish(9, 10);
    JsonNode below = review("CREATE", "shop", d, null);
    assertFalse(below.path("allowed").asBoolean());
    assertTrue(below.path("status").path("message").asText().contains("no longer supported"));
  }

  @Test
  void scalingAnOutOfWindowWorkloadIsAllowedWithAWarning() throws Exception {
    JsonNode old = Reviews.workload("Deployment", "orders@3");
    JsonNode scaled = old.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) scaled.path("spec")).put("replicas", 5);
    JsonNode response = review("UPDATE", "shop", scaled, old);
    assertTrue(response.path("allowed").asBoolean());
    assertTrue(
        response.path("warnings").get(0).asText().contains("orders@3 is no longer supported"));
  }

  @Test
  void exemptNamespaceIsAllowed() throws Exception {
    assertTrue(
        review("CREATE", "kube-system", Reviews.workload("Pod", "nope"), null)
            .path("allowed")
            .asBoolean());
  }

  @Test
  void malformedAnnotationIsACleanDenialQuotingIt() throws Exception {
    JsonNode response = review("CREATE", "shop", Reviews.workload("CronJob", "orders@seven"), null);
    assertFalse(response.path("allowed").asBoolean());
    assertTrue(response.path("status").path("message").asText().contains("\"orders@seven\""));
  }

  @Test
  void badBodiesGet400WithTheReason() throws Exception {
    String[][] cases = {
      {"", "empty body"},
      {"{", "not valid JSON"},
      {"[1,2]", "not a JSON object"},
      {
        "{\"apiVersion\": \"admission.k8s.io/v1beta1\", \"kind\": \"AdmissionReview\", \"request\": {}}",
        "expected apiVersion"
      },
      {"{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\"}", "no request"},
      {
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"operation\": \"CREATE\"}}",
        "uid"
      },
      {
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": 7, \"operation\": \"CREATE\"}}",
        "uid"
      },
      {
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u\", \"operation\": \"CREATE\", \"dryRun\": \"yes\"}}",
        "dryRun"
      },
      {
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u\"}} trailing",
        "not valid JSON"
      },
    };
    for (String[] c : cases) {
      HttpResponse<String> r =
          post(
              "validate",
              c[0].getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "application/json");
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " -> " + r.body());
    }
  }

  @Test
  void deeplyNestedBodyIs400NotAStackOverflow() throws Exception {
    byte[] body =
        ("[".repeat(100_000) + "]".repeat(100_000))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> r = post("validate", body, "application/json");
    assertEquals(400, r.statusCode(), r.body());
  }

  @Test
  void oversizedBodyIsRejectedWith413WithoutReadingIt() throws Exception {
    // Raw socket: announce 5 MiB and send only part of it; the answer must come from the headers
    // alone, promptly, instead of the server buffering or waiting for the rest.
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                  + (5 * 1024 * 1024)
                  + "\r\n\r\n{\"apiVersion\": ")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
    }
  }

  @Test
  void oversizedChunkedBodyIs413NotA500OrAHang() throws Exception {
    // No Content-Length: the limit must hold while the body streams in.
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] chunk =
          ("10000\r\n" + " ".repeat(0x10000) + "\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 80; i++) { // 5 MiB, above the 4 MiB limit
          out.write(chunk);
        }
        out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
      } catch (java.io.IOException closedByServer) {
        // the server may answer and close before the whole body is sent: the status says why
      }
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
    }
  }

  @Test
  void aBodyThatStopsHalfWayIsDroppedNotHeldForever() throws Exception {
    // Content-Length promises more than arrives: schemagate.body-timeout (30 s) ends the exchange
    // with a 408 and closes the connection (BodyTimeout).
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(90_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n{\"apiVersion\": ")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertEquals("HTTP/1.1 408 Request Timeout", status);
      assertTrue(seconds >= 29 && seconds < 80, "answered after " + seconds + " s");
    }
  }

  @Test
  void aLargeButAllowedReviewIsDecided() throws Exception {
    // 3 MiB of annotations: under the 4 MiB limit, so it is read and decided normally.
    com.fasterxml.jackson.databind.node.ObjectNode d = Reviews.workload("Deployment", "orders@9");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("metadata"))
        .putObject("annotations")
        .put("big", "x".repeat(3 << 20));
    HttpResponse<String> r =
        post(
            "validate",
            Reviews.JSON.writeValueAsBytes(
                Reviews.review("uid-big", "CREATE", "shop", d, null, false)),
            "application/json");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "orders@9 is not live: live window is 4..7; apply orders@8–9 first",
        Reviews.read(r.body()).path("response").path("status").path("message").asText());
  }

  @Test
  void wrongContentTypeIsA400ClassAnswer() throws Exception {
    HttpResponse<String> r = post("validate", "x".getBytes(), "text/plain");
    assertEquals(415, r.statusCode());
  }

  @Test
  void alwaysAllowFloorAnswersAdmissionReviews() throws Exception {
    HttpResponse<String> r =
        post(
            "allow",
            Reviews.JSON.writeValueAsBytes(
                Reviews.review(
                    "uid-9", "CREATE", "shop", Reviews.workload("Job", "orders@99"), null, false)),
            "application/json");
    assertEquals(200, r.statusCode());
    assertTrue(Reviews.read(r.body()).path("response").path("allowed").asBoolean());
  }

  @Test
  void decisionsAreCountedInPrometheusMetrics() throws Exception {
    review("CREATE", "shop", Reviews.workload("DaemonSet", "orders@9"), null);
    String metrics = get("q/metrics").body();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("schemagate_admission_decisions_total{")
                        && l.contains("outcome=\"denied\"")
                        && l.contains("reason=\"above-window\"")
                        && l.contains("mode=\"enforce\"")),
        metrics);
    assertTrue(
        metrics.contains("schemagate_admission_seconds_bucket"), "latency histogram missing");
  }

  @Test
  void stateChangesDuringLoadGiveOnlyConsistentAnswers() throws Exception {
    // Eight clients send 250 reviews each while the window flips between 4..7 and 4..9: every
    // answer is a 200 AdmissionReview for its own uid, decided under one of the two windows.
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread flipper =
        new Thread(
            () -> {
              boolean wide = false;
              while (running.get()) {
                publish(4, (wide = !wide) ? 9 : 7);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    flipper.start();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<int[]>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int client = t;
        results.add(
            pool.submit(
                () -> {
                  int allowed = 0;
                  int denied = 0;
                  for (int i = 0; i < 250; i++) {
                    String uid = "load-" + client + "-" + i;
                    byte[] body =
                        Reviews.JSON.writeValueAsBytes(
                            Reviews.review(
                                uid,
                                "CREATE",
                                "shop",
                                Reviews.workload("Deployment", "orders@8"),
                                null,
                                false));
                    HttpResponse<String> r = post("validate", body, "application/json");
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode response = Reviews.read(r.body()).path("response");
                    assertEquals(uid, response.path("uid").asText());
                    if (response.path("allowed").asBoolean()) {
                      allowed++;
                    } else {
                      assertEquals(
                          "orders@8 is not live: live window is 4..7; apply orders@8 first",
                          response.path("status").path("message").asText());
                      denied++;
                    }
                  }
                  return new int[] {allowed, denied};
                }));
      }
      int allowed = 0;
      int denied = 0;
      for (var f : results) {
        int[] counts = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        allowed += counts[0];
        denied += counts[1];
      }
      assertEquals(2000, allowed + denied);
      assertTrue(
          allowed > 0 && denied > 0,
          "window flips were not seen: allowed " + allowed + ", denied " + denied);
    } finally {
      running.set(false);
      flipper.join();
      pool.shutdownNow();
    }
  }
}
