package dev.schemagate.contract.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.contract.window.CompatibilityWindow;
import java.util.Optional;

/**
 * One {@code SchemaState} object (docs/state.md, "The SchemaState resource"), typed: the runner
 * publishes it, the webhook's informer and {@code can-deploy --cluster} read it.
 *
 * @param window the published window; empty (0..0) while {@code status.window} is not written yet
 * @param database the optional {@code spec.database} description (never credentials)
 */
public record SchemaState(
    String namespace,
    String name,
    String track,
    Optional<String> database,
    CompatibilityWindow window) {

  public static final String GROUP = "schemagate.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "SchemaState";
  public static final String PLURAL = "schemastates";

  /** {@code namespace/name}, as messages name the object. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }

  /**
   * Reads an object as the API server returns it.
   *
   * @throws IllegalArgumentException naming the field when {@code spec.track} is missing or the
   *     window is not two integers with contracted ≤ expanded
   */
  public static SchemaState of(JsonNode o) {
    String namespace = o.path("metadata").path("namespace").asText("?");
    String name = o.path("metadata").path("name").asText("?");
    JsonNode track = o.path("spec").path("track");
    if (!track.isTextual() || track.asText().isEmpty()) {
      throw new IllegalArgumentException("spec.track is missing");
    }
    JsonNode db = o.path("spec").path("database");
    Optional<String> database =
        db.isTextual() && !db.asText().isBlank() ? Optional.of(db.asText()) : Optional.empty();
    JsonNode window = o.path("status").path("window");
    CompatibilityWindow w =
        window.isMissingNode() || window.isNull()
            ? new CompatibilityWindow(track.asText(), 0, 0)
            : new CompatibilityWindow(
                track.asText(), version(window, "contracted"), version(window, "expanded"));
    return new SchemaState(namespace, name, track.asText(), database, w);
  }

  private static int version(JsonNode window, String field) {
    JsonNode v = window.path(field);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "status.window." + field + " must be an integer, got " + v);
    }
    return v.intValue();
  }
}
