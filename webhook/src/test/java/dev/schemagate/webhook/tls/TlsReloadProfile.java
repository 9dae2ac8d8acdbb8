package dev.schemagate.webhook.tls;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The webhook serving HTTPS from a Secret volume that the test rotates. */
public class TlsReloadProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(TlsSecretResource.class));
  }
}
