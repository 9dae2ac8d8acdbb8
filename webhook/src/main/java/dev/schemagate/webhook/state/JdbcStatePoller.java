package dev.schemagate.webhook.state;

import dev.schemagate.contract.state.TrackState;
import dev.schemagate.contract.state.TrackStateReader;
import dev.schemagate.contract.window.CompatibilityWindow;
import dev.schemagate.webhook.WebhookConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The optional JDBC state source ({@code schemagate.state.source=jdbc}): a background thread reads
 * {@code schemagate.track_state} (docs/state.md, "The history schema") every {@code
 * schemagate.state.jdbc.poll-interval} into the same cache the informer fills, so a decision never
 * waits on the database. Readiness stays down until the first read succeeds; a failed read keeps
 * the last good windows and shows in {@code schemagate_state_polls_total{outcome="failure"}},
 * {@code schemagate_state_age_seconds} and the readiness check's data.
 */
@ApplicationScoped
public class JdbcStatePoller {

  private static final Logger LOG = Logger.getLogger(JdbcStatePoller.class);

  @Inject WebhookConfig config;
  @Inject SchemaStateCache cache;
  @Inject MeterRegistry meters;

  private ScheduledExecutorService timer;
  private Connection connection;
  private volatile Instant lastSuccess;
  private int failures;
  private Counter successes;
  private Counter failed;

  void start(@Observes StartupEvent event) {
    if (!"jdbc".equals(config.state().source())) {
      return;
    }
    String url =
        config
            .state()
            .jdbc()
            .url()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "schemagate.state.source=jdbc needs schemagate.state.jdbc.url"));
    successes =
        Counter.builder("schemagate.state.polls")
            .tag("outcome", "success")
            .description("Reads of schemagate.track_state by outcome")
            .register(meters);
    failed =
        Counter.builder("schemagate.state.polls")
            .tag("outcome", "failure")
            .description("Reads of schemagate.track_state by outcome")
            .register(meters);
    Gauge.builder(
            "schemagate.state.age.seconds",
            this,
            p ->
                p.lastSuccess == null
                    ? Double.NaN
                    : (System.currentTimeMillis() - p.lastSuccess.toEpochMilli()) / 1000.0)
        .description("Seconds since the state was last read in full")
        .register(meters);
    cache.health(new StateSourceHealth("jdbc", null, 0, null));
    long period = config.state().jdbc().pollInterval().toMillis();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "schemagate-jdbc-state");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(() -> poll(url), 0, period, TimeUnit.MILLISECONDS);
    LOG.infof(
        "reading schemagate.track_state from %s every %s",
        url, config.state().jdbc().pollInterval());
  }

  private void poll(String url) {
    try {
      Map<String, CompatibilityWindow> windows = read(url);
      cache.replaceWindows(windows);
      lastSuccess = Instant.now();
      failures = 0;
      cache.health(new StateSourceHealth("jdbc", lastSuccess, 0, null));
      successes.increment();
      if (!cache.synced()) {
        cache.markSynced();
        LOG.infof("schemagate.track_state read: %d track(s)", windows.size());
      }
    } catch (SQLException | RuntimeException e) {
      failures++;
      failed.increment();
      String why =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().strip().lines().findFirst().orElse("");
      cache.health(new StateSourceHealth("jdbc", lastSuccess, failures, why));
      LOG.warnf(
          "reading schemagate.track_state failed (%d in a row; keeping the last good state): %s",
          failures, why);
      closeQuietly();
    }
  }

  private Map<String, CompatibilityWindow> read(String url) throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, properties());
      connection.setReadOnly(true);
    }
    Map<String, CompatibilityWindow> windows = new HashMap<>();
    for (TrackState row : TrackStateReader.read(connection, 10)) {
      try {
        windows.put(row.track(), row.window());
      } catch (IllegalArgumentException e) {
        // The table's CHECK makes this impossible; if it happens, the track is unknown (denied).
        LOG.warnf("schemagate.track_state row %s skipped: %s", row.track(), e.getMessage());
      }
    }
    return windows;
  }

  private Properties properties() {
    Properties p = new Properties();
    config.state().jdbc().user().ifPresent(u -> p.setProperty("user", u));
    config
        .state()
        .jdbc()
        .passwordFile()
        .ifPresent(
            f -> {
              try {
                p.setProperty(
                    "password",
                    Files.readString(Path.of(f), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse(""));
              } catch (IOException e) {
                throw new IllegalStateException(
                    "cannot read schemagate.state.jdbc.password-file "
                        + f
                        + ": "
                        + e.getClass().getSimpleName());
              }
            });
    p.setProperty("ApplicationName", "schemagate-webhook");
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "15");
    return p;
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // already broken
    }
    connection = null;
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
      closeQuietly();
    }
  }
}
