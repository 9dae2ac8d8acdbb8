package dev.schemagate.webhook.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.testing.Await;
import dev.schemagate.webhook.Reviews;
import dev.schemagate.webhook.bench.OpenLoop;
import dev.schemagate.webhook.bench.RealisticReviews;
import dev.schemagate.webhook.bench.WebhookLoad;
import dev.schemagate.webhook.tls.PemCertificate;
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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * A state change arriving during load: AdmissionReviews go to the webhook over HTTPS at a fixed
 * rate while the SchemaState window moves through the real API server and the webhook's informer.
 * Every answer is right for one of the two windows, none is an error, answers given before the move
 * show the old window and requests sent after the new one was first seen all get the new one. The
 * timeout is generous: this test is about correctness under load; latency is
 * bench/webhook-load.sh's business.
 */
@QuarkusTest
@TestProfile(KubeApiServerProfile.class)
class StateChangeUnderLoadTest {

  static final int RATE = 100;
  static final Duration DURATION = Duration.ofSeconds(8);

  @Test
  void decisionsFollowAWindowMovedDuringLoadWithZeroErrors() throws Exception {
    try (KubernetesClient kube = KubeApiServerResource.client()) {
      kube.namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName("load").endMetadata().build())
          .serverSideApply();
      WebhookLoad.publish(kube, "load", "payments", 2, 4, true);
      RealisticReviews review = RealisticReviews.deployment("payments-api", "payments@5");
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .sslContext(PemCertificate.trusting(caCertificate()))
              .build();
      URI validate =
          URI.create("https://127.0.0.1:" + KubeApiServerResource.webhookPort + "/validate");

      // Wait until the informer has the 2..4 window (the object was just created).
      awaitDenied(client, validate, review);

      int n = (int) (RATE * DURATION.toSeconds());
      AtomicIntegerArray outcome =
          new AtomicIntegerArray(n); // 1 denied under 2..4, 2 allowed under 2..5
      AtomicLongArray completed = new AtomicLongArray(n);
      AtomicLong publishStarted = new AtomicLong(Long.MAX_VALUE);
      AtomicLong newWindowSeen = new AtomicLong(Long.MAX_VALUE);
      Thread mover =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1500);
                  publishStarted.set(System.nanoTime());
                  WebhookLoad.publish(kube, "load", "payments", 2, 5, false);
                  // The first answer under the new window: from then on the cache has it for good.
                  // Asked on
                  // a connection of its own, so that it does not queue behind the load.
                  HttpClient probe =
                      HttpClient.newBuilder()
                          .version(HttpClient.Version.HTTP_1_1)
                          .sslContext(PemCertificate.trusting(caCertificate()))
                          .build();
                  awaitAllowed(probe, validate, review);
                  newWindowSeen.set(System.nanoTime());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      mover.start();
      OpenLoop.Result result =
          OpenLoop.run(
              "/validate",
              client,
              validate,
              i -> review.body(RealisticReviews.uid("move", i)),
              RATE,
              DURATION,
              Duration.ofSeconds(60),
              (i, r) -> {
                completed.set(i, System.nanoTime());
                JsonNode response = Reviews.read(new String(r.body())).path("response");
                if (!RealisticReviews.uid("move", i).equals(response.path("uid").asText())) {
                  return "wrong uid " + response.path("uid");
                }
                if (response.path("allowed").asBoolean()) {
                  outcome.set(i, 2);
                  return "live".equals(response.path("auditAnnotations").path("reason").asText())
                      ? null
                      : "allowed for " + response;
                }
                outcome.set(i, 1);
                String message = response.path("status").path("message").asText();
                return message.equals(
                        "payments@5 is not live: live window is 2..4; apply payments@5 first")
                    ? null
                    : "denied: " + message;
              });
      mover.join();
      System.out.println(result.line());

      assertEquals(0, result.errors(), "errors: " + result.errorExamples());
      assertEquals(n, result.latencyNanos().length);
      // Sound whatever the latency: answered before the publication started -> old window;
      // sent after the new window was first seen -> new window.
      int oldSeen = 0;
      int newSeen = 0;
      for (int i = 0; i < n; i++) {
        if (completed.get(i) < publishStarted.get()) {
          assertEquals(1, outcome.get(i), "#" + i + " was answered before the window moved");
          oldSeen++;
        }
        if (result.due(i) > newWindowSeen.get()) {
          assertEquals(
              2, outcome.get(i), "#" + i + " was sent after the new window was in the cache");
          newSeen++;
        }
      }
      assertTrue(
          oldSeen > 0 && newSeen > 0,
          "both windows were seen under load: old " + oldSeen + ", new " + newSeen);
    }
  }

  private static void awaitAllowed(HttpClient client, URI validate, RealisticReviews review)
      throws Exception {
    Await.until(
        "the informer to deliver the payments window 2..5",
        Duration.ofSeconds(60),
        () -> {
          var r =
              client.send(
                  java.net.http.HttpRequest.newBuilder(validate)
                      .header("Content-Type", "application/json")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                              review.body(RealisticReviews.uid("seen", 0))))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
          return Reviews.read(r.body()).path("response").path("allowed").asBoolean();
        });
  }

  private static void awaitDenied(HttpClient client, URI validate, RealisticReviews review)
      throws Exception {
    Await.until(
        "the informer to deliver the payments window 2..4",
        Duration.ofSeconds(30),
        () -> {
          var r =
              client.send(
                  java.net.http.HttpRequest.newBuilder(validate)
                      .header("Content-Type", "application/json")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                              review.body(RealisticReviews.uid("wait", 0))))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
          return r.body().contains("live window is 2..4");
        });
  }

  private static X509Certificate caCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(KubeApiServerResource.caPem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
