package dev.schemagate.contract.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.contract.window.CompatibilityWindow;
import dev.schemagate.contract.window.Reviews;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaStatesTest {

  static JsonNode state(String ns, String name, String track, String status) {
    return Reviews.read(
        "{\"apiVersion\": \"schemagate.dev/v1alpha1\", \"kind\": \"SchemaState\", \"metadata\": {\"name\": \""
            + name
            + "\", \"namespace\": \""
            + ns
            + "\"}, \"spec\": {\"track\": \""
            + track
            + "\"}"
            + (status == null ? "" : ", \"status\": " + status)
            + "}");
  }

  @Test
  void readsTheWindowOfEachTrack() {
    SchemaStates.Snapshot s =
        SchemaStates.read(
            List.of(
                state(
                    "a", "orders", "orders", "{\"window\": {\"contracted\": 4, \"expanded\": 7}}"),
                state(
                    "a",
                    "users",
                    "users",
                    "{\"window\": {\"contracted\": 0, \"expanded\": 3}, \"observedGeneration\": 2}")));
    assertEquals(new CompatibilityWindow("orders", 4, 7), s.windows().get("orders"));
    assertEquals(new CompatibilityWindow("users", 0, 3), s.windows().get("users"));
    assertEquals(List.of(), s.problems());
  }

  @Test
  void unpublishedStateIsAKnownTrackWithAnEmptyWindow() {
    SchemaStates.Snapshot s = SchemaStates.read(List.of(state("a", "orders", "orders", null)));
    assertTrue(s.windows().get("orders").isEmpty());
  }

  @Test
  void unreadableObjectsAreSkippedWithAProblemNamingThem() {
    SchemaStates.Snapshot s =
        SchemaStates.read(
            List.of(
                state(
                    "a",
                    "bad",
                    "orders",
                    "{\"window\": {\"contracted\": \"four\", \"expanded\": 7}}"),
                state(
                    "a",
                    "reversed",
                    "users",
                    "{\"window\": {\"contracted\": 5, \"expanded\": 3}}")));
    assertEquals(0, s.windows().size());
    assertEquals(2, s.problems().size());
    assertTrue(
        s.problems().get(0).contains("a/bad") && s.problems().get(0).contains("contracted"),
        s.problems().get(0));
  }

  @Test
  void aTrackPublishedTwiceKeepsTheNarrowerWindow() {
    SchemaStates.Snapshot s =
        SchemaStates.read(
            List.of(
                state(
                    "a", "orders", "orders", "{\"window\": {\"contracted\": 2, \"expanded\": 7}}"),
                state(
                    "b",
                    "orders",
                    "orders",
                    "{\"window\": {\"contracted\": 4, \"expanded\": 9}}")));
    assertEquals(new CompatibilityWindow("orders", 4, 7), s.windows().get("orders"));
    assertEquals(1, s.problems().size());
  }
}
