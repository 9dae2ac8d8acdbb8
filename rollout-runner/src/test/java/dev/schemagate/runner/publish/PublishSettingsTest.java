package dev.schemagate.runner.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** rollout.publish: opt-in, strict, errors naming the key. */
class PublishSettingsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode publish(String yaml) throws Exception {
    return YAML.readTree(yaml).path("publish");
  }

  @Test
  void absentMeansNoPublication() throws Exception {
    assertEquals(PublishSettings.NONE, PublishSettings.parse(publish("lock_timeout: 3s\n")));
    assertEquals(PublishSettings.NONE, PublishSettings.parse(null));
  }

  @Test
  void namespaceAndDescription() throws Exception {
    PublishSettings s =
        PublishSettings.parse(
            publish("publish:\n  namespace: schemagate\n  database: orders-db (prod)\n"));
    assertEquals(Optional.of("schemagate"), s.namespace());
    assertEquals(Optional.of("orders-db (prod)"), s.database());
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    String missing =
        assertThrows(
                IllegalArgumentException.class,
                () -> PublishSettings.parse(publish("publish:\n  database: x\n")))
            .getMessage();
    assertTrue(missing.contains("rollout.publish.namespace: missing"), missing);
    String bad =
        assertThrows(
                IllegalArgumentException.class,
                () -> PublishSettings.parse(publish("publish:\n  namespace: Not_A_Namespace\n")))
            .getMessage();
    assertTrue(bad.contains("\"Not_A_Namespace\" is not a namespace name"), bad);
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () -> PublishSettings.parse(publish("publish:\n  namespace: x\n  kubeconfig: y\n")))
            .getMessage();
    assertTrue(unknown.contains("unknown key \"kubeconfig\" in rollout.publish"), unknown);
  }
}
