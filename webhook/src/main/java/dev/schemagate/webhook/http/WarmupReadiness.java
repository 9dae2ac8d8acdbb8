package dev.schemagate.webhook.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the webhook warms itself up (SelfWarmup): the API server's reviews then find it
 * warm.
 */
@Readiness
@ApplicationScoped
public class WarmupReadiness implements HealthCheck {

  @Inject SelfWarmup warmup;

  @Override
  public HealthCheckResponse call() {
    SelfWarmup.Result r = warmup.result();
    return HealthCheckResponse.named("warm-up")
        .status(warmup.done())
        .withData("answered", r.answered())
        .withData("failed", r.failed())
        .withData("ms", r.millis())
        .withData("note", r.note())
        .build();
  }
}
