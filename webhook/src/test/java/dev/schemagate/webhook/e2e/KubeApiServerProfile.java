package dev.schemagate.webhook.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The webhook with its informer on, serving HTTPS to a real API server. */
public class KubeApiServerProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KubeApiServerResource.class));
  }
}
