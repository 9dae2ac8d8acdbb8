package dev.schemagate.contract.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.contract.window.CompatibilityWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code SchemaState} objects (docs/state.md) into the live window of each track. Plain code
 * over JSON trees, so it is the same for the informer's objects and for tests.
 */
public final class SchemaStates {

  /** The windows by track, plus what was wrong with objects that could not be read. */
  public record Snapshot(Map<String, CompatibilityWindow> windows, List<String> problems) {
    public Snapshot {
      windows = Map.copyOf(windows);
      problems = List.copyOf(problems);
    }

    public static final Snapshot EMPTY = new Snapshot(Map.of(), List.of());
  }

  private SchemaStates() {}

  /**
   * Reads every object. An object without {@code status.window} gives its track an empty window; an
   * unreadable object is skipped with a problem naming it; two objects of one track keep the
   * narrower window, so the webhook never admits more than either publication allows.
   */
  public static Snapshot read(Collection<JsonNode> objects) {
    Map<String, CompatibilityWindow> windows = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode o : objects) {
      String name =
          o.path("metadata").path("namespace").asText("?")
              + "/"
              + o.path("metadata").path("name").asText("?");
      try {
        CompatibilityWindow w = SchemaState.of(o).window();
        CompatibilityWindow earlier = windows.get(w.track());
        if (earlier != null) {
          problems.add(
              "SchemaState "
                  + name
                  + ": track "
                  + w.track()
                  + " is published twice; using the narrower window");
          w = narrower(earlier, w);
        }
        windows.put(w.track(), w);
      } catch (IllegalArgumentException e) {
        problems.add("SchemaState " + name + ": " + e.getMessage());
      }
    }
    return new Snapshot(windows, problems);
  }

  private static CompatibilityWindow narrower(CompatibilityWindow a, CompatibilityWindow b) {
    int contracted = Math.max(a.lastContracted(), b.lastContracted());
    int expanded = Math.min(a.lastExpanded(), b.lastExpanded());
    if (contracted > expanded) {
      return new CompatibilityWindow(a.track(), 0, 0);
    }
    return new CompatibilityWindow(a.track(), contracted, expanded);
  }
}
