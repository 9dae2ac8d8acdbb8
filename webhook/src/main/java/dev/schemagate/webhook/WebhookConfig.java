package dev.schemagate.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/**
 * The webhook's settings ({@code schemagate.*} in application.properties or SCHEMAGATE_*
 * variables).
 */
@ConfigMapping(prefix = "schemagate")
public interface WebhookConfig {

  /** enforce, warn or dry-run. */
  @WithDefault("enforce")
  String mode();

  /** Namespaces never checked; the chart adds the webhook's own. */
  @WithDefault("kube-system")
  Set<String> exemptNamespaces();

  /**
   * How long a request's body may take to arrive in full; then 408 and the connection is closed.
   */
  @WithDefault("30s")
  java.time.Duration bodyTimeout();

  /** Where the live windows come from. */
  State state();

  /** {@code schemagate.state.*}. */
  interface State {
    /**
     * {@code kubernetes} (SchemaState objects, an informer) or {@code jdbc}
     * (schemagate.track_state).
     */
    @WithDefault("kubernetes")
    String source();

    Jdbc jdbc();
  }

  /**
   * {@code schemagate.state.jdbc.*}: the target database the rollout runner records its history in.
   */
  interface Jdbc {
    /** {@code jdbc:postgresql://HOST:PORT/DB}; required with source jdbc. */
    java.util.Optional<String> url();

    java.util.Optional<String> user();

    /** A file holding the password (a mounted Secret key); its first line is used. */
    java.util.Optional<String> passwordFile();

    /** How often track_state is read. */
    @WithDefault("5s")
    java.time.Duration pollInterval();
  }

  /** Whether to watch SchemaState objects; off only in tests that feed the cache themselves. */
  @WithDefault("true")
  boolean informerEnabled();

  /**
   * Where the TLS Secret is mounted (tls.crt, tls.key); read through quarkus.tls.key-store.pem.0.*.
   */
  @WithDefault("/etc/schemagate/tls")
  String tlsDir();

  /**
   * How many AdmissionReviews the webhook sends itself over its own listener before it reports
   * ready, so that its first real ones do not pay for a cold JVM (0: none; see SelfWarmup).
   */
  @WithDefault("2000")
  int warmupReviews();

  /** How long the warm-up may take; then it is given up and the webhook reports ready anyway. */
  @WithDefault("30s")
  java.time.Duration warmupTimeout();

  /**
   * How often the TLS files are compared with the ones in use (reloaded only when they changed).
   */
  @WithDefault("10s")
  java.time.Duration tlsReloadPeriod();
}
