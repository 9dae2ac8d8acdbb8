package dev.schemagate.webhook.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.webhook.Reviews;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class SchemaStateReadinessTest {

  @Test
  void downUntilTheCacheHasSynced() {
    SchemaStateReadiness readiness = new SchemaStateReadiness();
    readiness.cache = new SchemaStateCache();
    assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());

    readiness.cache.replace(
        List.of(
            Reviews.read(
                "{\"apiVersion\": \"schemagate.dev/v1alpha1\", \"kind\": \"SchemaState\","
                    + " \"metadata\": {\"name\": \"orders\", \"namespace\": \"a\"}, \"spec\": {\"track\": \"orders\"}}")));
    assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());

    readiness.cache.markSynced();
    HealthCheckResponse up = readiness.call();
    assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
    assertEquals(1L, up.getData().orElseThrow().get("tracks"));
  }
}
