package dev.schemagate.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * With the production profile the webhook listens only where the chart sends traffic: HTTPS (8443
 * in the pod; here the test's port). The plain HTTP listener (8080 on 0.0.0.0 before) is not
 * opened: nothing in the chart uses it, and it served reviews and metrics without TLS.
 */
@QuarkusTest
@TestProfile(ProdListenersProfile.class)
class ProdListenersTest {

  @jakarta.inject.Inject dev.schemagate.webhook.http.SelfWarmup warmup;

  @Test
  void onlyHttpsIsServed() throws Exception {
    // The warm-up's reviews go over HTTPS too; it ends before the test does.
    warmup.ended().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    HttpResponse<String> live =
        Http2BodyLimitTest.http2()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "https://localhost:" + TlsSecretResource.httpsPort + "/q/health/live"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, live.statusCode(), live.body());

    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", ProdListenersProfile.HTTP_PORT), 5_000);
          }
        },
        "nothing listens on the plain HTTP port " + ProdListenersProfile.HTTP_PORT);
  }
}
