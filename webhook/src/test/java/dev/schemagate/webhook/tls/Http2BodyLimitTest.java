package dev.schemagate.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The API server calls webhooks over HTTPS with HTTP/2: a body over {@code
 * quarkus.http.limits.max-body-size} (4 MiB) must get 413 there too, not a stream reset
 * (PROTOCOL_ERROR), and only that stream ends: the connection carries other reviews.
 */
@QuarkusTest
@TestProfile(TlsReloadProfile.class)
class Http2BodyLimitTest {

  static final byte[] FIVE_MIB = new byte[5 * 1024 * 1024];

  static HttpClient http2() throws Exception {
    // Trusts whatever the server presents (the other test of this profile rotates it); the name
    // is still checked (localhost is in the certificate).
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
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .sslContext(ctx)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static URI at(String path) {
    return URI.create("https://localhost:" + TlsSecretResource.httpsPort + path);
  }

  @Test
  void anAnnouncedOversizedBodyIs413OnItsStreamAndTheConnectionServesTheNextRequest()
      throws Exception {
    HttpClient client = http2();
    HttpResponse<String> live =
        client.send(
            HttpRequest.newBuilder(at("/q/health/live")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, live.version(), "the client and server speak HTTP/2");

    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(at("/validate"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(FIVE_MIB))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, r.statusCode(), r.body());
    assertEquals(HttpClient.Version.HTTP_2, r.version());
    assertTrue(r.body().contains("above the limit of 4194304 bytes"), r.body());

    HttpResponse<String> after =
        client.send(
            HttpRequest.newBuilder(at("/q/health/live")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, after.statusCode(), after.body());
  }
}
