package dev.schemagate.webhook.tls;

import dev.schemagate.webhook.WebhookConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Re-reads the TLS Secret volume ({@code schemagate.tls-dir}) every {@code
 * schemagate.tls-reload-period} and, only when {@code tls.crt} or {@code tls.key} changed, reloads
 * the TLS registry's default configuration and tells the HTTP server (a {@link
 * CertificateUpdatedEvent}), so new connections get the new certificate without a restart.
 *
 * <p>Why not {@code quarkus.tls.reload-period}: it swaps the server's SSL options every period
 * whether or not the files changed, and Vert.x refuses the connections that arrive during a swap
 * (seen in TlsReloadTest). Swapping only on a real rotation keeps that window to once per
 * certificate lifetime. A pair that does not load (half-written by a non-atomic writer, a key that
 * does not match) is reported and retried next period; the old certificate stays in use.
 */
@ApplicationScoped
public class TlsSecretWatcher {

  private static final Logger LOG = Logger.getLogger(TlsSecretWatcher.class);

  @Inject WebhookConfig config;
  @Inject TlsConfigurationRegistry registry;
  @Inject Event<CertificateUpdatedEvent> updated;
  @Inject MeterRegistry meters;

  private ScheduledExecutorService timer;
  private volatile byte[] loaded;

  void start(@Observes StartupEvent event) {
    TlsConfiguration tls = registry.getDefault().orElse(null);
    Path dir = Path.of(config.tlsDir());
    if (tls == null || tls.getKeyStore() == null || !Files.exists(dir.resolve("tls.crt"))) {
      LOG.infof("no TLS Secret at %s: certificate reload is off", dir);
      return;
    }
    loaded = fingerprint(dir);
    long period = Math.max(100, config.tlsReloadPeriod().toMillis());
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "schemagate-tls-watcher");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(() -> check(tls, dir), period, period, TimeUnit.MILLISECONDS);
    LOG.infof("watching the TLS Secret at %s every %s", dir, config.tlsReloadPeriod());
  }

  private void check(TlsConfiguration tls, Path dir) {
    try {
      byte[] now = fingerprint(dir);
      if (now == null || Arrays.equals(now, loaded)) {
        return;
      }
      if (tls.reload()) {
        loaded = now;
        updated.fire(new CertificateUpdatedEvent(tls.getName(), tls));
        count("reloaded");
        LOG.infof("TLS certificate reloaded from %s", dir);
      } else {
        count("failed");
        LOG.errorf(
            "TLS files in %s changed but do not load; still serving the previous certificate", dir);
      }
    } catch (RuntimeException e) {
      count("failed");
      LOG.errorf(e, "TLS reload from %s failed; still serving the previous certificate", dir);
    }
  }

  private void count(String outcome) {
    Counter.builder("schemagate.tls.reloads")
        .description("TLS Secret changes seen, by outcome")
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  /** SHA-256 over both files (null while one is missing, e.g. between a writer's steps). */
  private static byte[] fingerprint(Path dir) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(dir.resolve("tls.crt")));
      sha.update(Files.readAllBytes(dir.resolve("tls.key")));
      return sha.digest();
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
