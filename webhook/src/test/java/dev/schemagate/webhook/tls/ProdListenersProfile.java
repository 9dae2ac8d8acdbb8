package dev.schemagate.webhook.tls;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * The webhook with the production configuration profile (application.properties' {@code %prod}
 * lines, as the chart's pod runs it), HTTPS from a Secret volume, no informer.
 */
public class ProdListenersProfile implements QuarkusTestProfile {

  /** Where the plain HTTP listener would be, were it opened. */
  static final int HTTP_PORT = freePort();

  @Override
  public String getConfigProfile() {
    return "prod";
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "schemagate.informer-enabled", "false",
        "schemagate.warmup-reviews", "50",
        "quarkus.http.test-port", String.valueOf(HTTP_PORT));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(TlsSecretResource.class));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
