package dev.schemagate.webhook.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.webhook.Reviews;
import dev.schemagate.webhook.bench.OpenLoop;
import dev.schemagate.webhook.bench.RealisticReviews;
import dev.schemagate.webhook.bench.WebhookLoad;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * A state change arriving during load: AdmissionReviews go to the webhook over HTTPS at a fixed
 * rate while the SchemaState window moves through the real API server and the webhook's informer.
 * Every answer is right for one of the two windows, none is an error, and once the new window is
 * seen no later request gets the old one. The timeout is generous: this test is about correctness
 * under load; latency is bench/webhook-load.sh's business.
 */
@QuarkusTest
@TestProfile(KubeApiServerProfile.class)
class StateChangeUnderLoadTest {

  static final int RATE = 200;
  static final Duration DURATION = Duration.ofSeconds(5);

  @Test
  void decisionsFollowAWindowMovedDuringLoadWithZeroErrors() throws Exception {
    try (KubernetesClient kube = KubeApiServerResource.client()) {
      kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("load").endMetadata().build()).serverSideApply();
      WebhookLoad.publish(kube, "load", "payments", 2, 4, true);
      RealisticReviews review = RealisticReviews.deployment("payments-api", "payments@5");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
          .sslContext(WebhookLoad.trusting(caCertificate())).build();
      URI validate = URI.create("https://127.0.0.1:" + KubeApiServerResource.webhookPort + "/validate");

      // Wait until the informer has the 2..4 window (the object was just created).
      awaitDenied(client, validate, review);

      int n = (int) (RATE * DURATION.toSeconds());
      AtomicIntegerArray outcome = new AtomicIntegerArray(n); // 1 denied under 2..4, 2 allowed under 2..5
      Thread mover = new Thread(() -> {
        try {
          Thread.sleep(DURATION.toMillis() / 2);
          WebhookLoad.publish(kube, "load", "payments", 2, 5, false);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      mover.start();
      OpenLoop.Result result = OpenLoop.run("/validate", client, validate, i -> review.body(RealisticReviews.uid("move", i)),
          RATE, DURATION, Duration.ofSeconds(30), (i, r) -> {
            JsonNode response = Reviews.read(new String(r.body())).path("response");
            if (!RealisticReviews.uid("move", i).equals(response.path("uid").asText())) {
              return "wrong uid " + response.path("uid");
            }
            if (response.path("allowed").asBoolean()) {
              outcome.set(i, 2);
              return "live".equals(response.path("auditAnnotations").path("reason").asText()) ? null : "allowed for " + response;
            }
            outcome.set(i, 1);
            String message = response.path("status").path("message").asText();
            return message.equals("payments@5 is not live: live window is 2..4; apply payments@5 first") ? null : "denied: " + message;
          });
      mover.join();
      System.out.println(result.line());

      assertEquals(0, result.errors(), "errors: " + result.errorExamples());
      assertEquals(n, result.latencyNanos().length);
      int firstAllowed = -1;
      int deniedAfter = 0;
      for (int i = 0; i < n; i++) {
        if (outcome.get(i) == 2 && firstAllowed < 0) {
          firstAllowed = i;
        } else if (outcome.get(i) == 1 && firstAllowed >= 0) {
          deniedAfter++;
        }
      }
      assertTrue(firstAllowed > 0, "the old window was seen first, then the new one: first allowed #" + firstAllowed);
      assertEquals(0, deniedAfter, "requests sent after the first one decided under 2..5 were still decided under 2..4");
    }
  }

  private static void awaitDenied(HttpClient client, URI validate, RealisticReviews review) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      var r = client.send(java.net.http.HttpRequest.newBuilder(validate).header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(review.body(RealisticReviews.uid("wait", 0)))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (r.body().contains("live window is 2..4")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the informer never delivered the payments window");
  }

  private static X509Certificate caCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(KubeApiServerResource.caPem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
