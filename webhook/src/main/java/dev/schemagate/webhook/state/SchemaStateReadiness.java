package dev.schemagate.webhook.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the SchemaState cache has synced: an empty cache would deny every workload. */
@Readiness
@ApplicationScoped
public class SchemaStateReadiness implements HealthCheck {

  @Inject SchemaStateCache cache;

  @Override
  public HealthCheckResponse call() {
    var b =
        HealthCheckResponse.named("schemastate-cache")
            .status(cache.synced())
            .withData("tracks", cache.windows().size());
    StateSourceHealth h = cache.health();
    if (h != null) {
      b.withData("source", h.source())
          .withData("lastSuccess", h.lastSuccess() == null ? "never" : h.lastSuccess().toString())
          .withData("consecutiveFailures", h.consecutiveFailures());
      if (h.lastError() != null) {
        b.withData("lastError", h.lastError());
      }
    }
    return b.build();
  }
}
