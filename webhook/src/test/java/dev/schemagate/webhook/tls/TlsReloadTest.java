package dev.schemagate.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.webhook.Reviews;
import dev.schemagate.webhook.http.SelfWarmup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The Secret rotates the way the kubelet rotates it (new timestamped folder, {@code ..data} symlink
 * swapped by one rename) and the running webhook serves the new certificate on new connections,
 * without a restart.
 */
@QuarkusTest
@TestProfile(TlsReloadProfile.class)
class TlsReloadTest {

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Inject MeterRegistry registry;
  @Inject SelfWarmup warmup;

  /**
   * Before it reports ready, the webhook answers reviews it sends itself the API server's way
   * (HTTPS, HTTP/2, trusting the served certificate), and they leave no trace in the decision
   * metrics. This profile's application serves no other review.
   */
  @Test
  void answersItsOwnReviewsOverHttpsBeforeReadiness() throws Exception {
    warmup.ended().toCompletableFuture().get(30, TimeUnit.SECONDS);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode check = null;
    for (JsonNode c : Reviews.read(r.body()).path("checks")) {
      if (c.path("name").asText().equals("warm-up")) {
        check = c;
      }
    }
    assertEquals("UP", check == null ? null : check.path("status").asText(), r.body());
    JsonNode data = check.path("data");
    assertEquals("https", data.path("note").asText(), data.toString());
    assertEquals(50, data.path("answered").asInt(), data.toString());
    assertEquals(0, data.path("failed").asInt(), data.toString());
    assertEquals(
        0,
        registry.find("schemagate.admission.decisions").counters().stream()
            .mapToDouble(c -> c.count())
            .sum(),
        "the warm-up is no admission decision");
    var latency = registry.find("schemagate.admission").timer();
    assertTrue(latency == null || latency.count() == 0, "nor a decision's latency");
  }

  @Test
  void aRotatedSecretIsServedWithoutRestart() throws Exception {
    // Unchanged files are never reloaded: many periods pass and every new connection gets A.
    for (int i = 0; i < 15; i++) {
      assertEquals(
          TlsSecretResource.certA.certificate(),
          servedCertificate(),
          "certificate A is served at start");
      Thread.sleep(100);
    }

    PemCertificate certB = PemCertificate.create(TlsSecretResource.workDir, "schemagate-webhook-B");
    TlsSecretResource.volume.publish(certB);

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    X509Certificate served = TlsSecretResource.certA.certificate();
    List<String> failures = new ArrayList<>();
    while (!served.equals(certB.certificate()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      try {
        served = servedCertificate();
      } catch (IOException e) {
        failures.add(
            e.toString()); // a handshake that met the server's SSL swap (see TlsSecretWatcher)
      }
    }
    assertEquals(
        certB.certificate().getSubjectX500Principal(),
        served.getSubjectX500Principal(),
        "certificate B is served within the reload period");
    assertTrue(failures.size() <= 1, "handshakes refused during the one swap: " + failures);
    for (int i = 0; i < 10; i++) {
      assertEquals(certB.certificate(), servedCertificate());
    }

    // A client that trusts only B gets real answers from the same (never restarted) server.
    HttpClient client =
        HttpClient.newBuilder().sslContext(PemCertificate.trusting(certB.certificate())).build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:" + TlsSecretResource.httpsPort + "/q/health/live"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("UP"), r.body());
  }

  /** The leaf certificate the server presents on a new connection, read without verifying it. */
  private static X509Certificate servedCertificate() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    try (SSLSocket socket =
        (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", TlsSecretResource.httpsPort)) {
      socket.setSoTimeout(30_000); // generous: the machine running the tests may be busy
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
