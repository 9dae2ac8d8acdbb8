package dev.schemagate.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** The webhook's settings ({@code schemagate.*} in application.properties or SCHEMAGATE_* variables). */
@ConfigMapping(prefix = "schemagate")
public interface WebhookConfig {

  /** enforce, warn or dry-run. */
  @WithDefault("enforce")
  String mode();

  /** Namespaces never checked; the chart adds the webhook's own. */
  @WithDefault("kube-system")
  Set<String> exemptNamespaces();

  /** Whether to watch SchemaState objects; off only in tests that feed the cache themselves. */
  @WithDefault("true")
  boolean informerEnabled();

  /** Where the TLS Secret is mounted (tls.crt, tls.key); read through quarkus.tls.key-store.pem.0.*. */
  @WithDefault("/etc/schemagate/tls")
  String tlsDir();

  /** How often the TLS files are compared with the ones in use (reloaded only when they changed). */
  @WithDefault("10s")
  java.time.Duration tlsReloadPeriod();
}
