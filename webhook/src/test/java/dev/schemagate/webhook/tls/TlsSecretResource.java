package dev.schemagate.webhook.tls;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Secret volume holding certificate A, and the webhook's HTTPS port serving it through the
 * production settings (PEM key store in the TLS registry, periodic reload), with a short period.
 */
public class TlsSecretResource implements QuarkusTestResourceLifecycleManager {

  static volatile Path workDir;
  static volatile SecretVolume volume;
  static volatile PemCertificate certA;
  static volatile int httpsPort;

  @Override
  public Map<String, String> start() {
    try {
      workDir = Files.createTempDirectory("schemagate-tls");
      volume = new SecretVolume(workDir.resolve("tls"));
      certA = PemCertificate.create(workDir, "schemagate-webhook-A");
      volume.publish(certA);
      try (ServerSocket s = new ServerSocket(0)) {
        httpsPort = s.getLocalPort();
      }
      return Map.of(
          "schemagate.tls-dir", volume.dir().toString(),
          "quarkus.tls.key-store.pem.0.cert", volume.dir().resolve("tls.crt").toString(),
          "quarkus.tls.key-store.pem.0.key", volume.dir().resolve("tls.key").toString(),
          "schemagate.tls-reload-period", "500ms",
          "quarkus.http.test-ssl-port", String.valueOf(httpsPort));
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the TLS Secret volume: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {}
}
