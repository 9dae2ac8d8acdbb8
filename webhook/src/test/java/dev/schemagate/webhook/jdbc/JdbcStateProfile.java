package dev.schemagate.webhook.jdbc;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The webhook with schemagate.state.source=jdbc on a real PostgreSQL 17. */
public class JdbcStateProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
  }
}
