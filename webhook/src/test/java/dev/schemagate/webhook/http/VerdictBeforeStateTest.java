package dev.schemagate.webhook.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.webhook.state.SchemaStateCache;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Before the state source has delivered its first state, {@code /verdict} answers 503 (Argo
 * Rollouts counts an error, Flagger halts) rather than a verdict from an empty cache, which would
 * call every track unknown; once synced, the same request gets its verdict.
 */
class VerdictBeforeStateTest {

  @Test
  void unsyncedStateIs503ThenTheVerdictOnceSynced() throws Exception {
    SchemaStateCache cache = new SchemaStateCache();
    VerdictResource verdict = new VerdictResource(cache, new ObjectMapper());
    Response get = verdict.get("orders@8");
    assertEquals(503, get.getStatus(), String.valueOf(get.getEntity()));
    assertTrue(
        String.valueOf(get.getEntity()).contains("no SchemaState has been read yet"),
        String.valueOf(get.getEntity()));
    Response post =
        verdict.post(
            "{\"metadata\": {\"requires\": \"orders@8\"}}".getBytes(StandardCharsets.UTF_8));
    assertEquals(503, post.getStatus());

    cache.replaceWindows(
        java.util.Map.of(
            "orders", new dev.schemagate.contract.window.CompatibilityWindow("orders", 5, 8)));
    cache.markSynced();
    Response live = verdict.get("orders@8");
    assertEquals(200, live.getStatus());
    assertTrue(
        String.valueOf(live.getEntity()).contains("\"allowed\":true"),
        String.valueOf(live.getEntity()));
  }
}
