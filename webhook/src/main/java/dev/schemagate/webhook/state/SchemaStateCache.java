package dev.schemagate.webhook.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemagate.contract.state.SchemaStates;
import dev.schemagate.contract.window.CompatibilityWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The live windows as last read from SchemaState objects. Readers get an immutable snapshot without
 * locking; the informer replaces it whenever an object changes.
 */
@ApplicationScoped
public class SchemaStateCache {

  private static final Logger LOG = Logger.getLogger(SchemaStateCache.class);

  private volatile SchemaStates.Snapshot snapshot = SchemaStates.Snapshot.EMPTY;
  private volatile boolean synced;

  /** The windows by track; empty before the first sync. */
  public Map<String, CompatibilityWindow> windows() {
    return snapshot.windows();
  }

  /** Replaces the state with these SchemaState objects (the informer's whole store). */
  public void replace(Collection<JsonNode> objects) {
    SchemaStates.Snapshot next = SchemaStates.read(objects);
    next.problems().forEach(LOG::warn);
    snapshot = next;
  }

  /** Replaces the state with windows read elsewhere (schemagate.track_state: one row per track). */
  public void replaceWindows(Map<String, CompatibilityWindow> windows) {
    snapshot = new SchemaStates.Snapshot(windows, java.util.List.of());
  }

  private volatile StateSourceHealth health;

  /** What a polled source reports about its reads; null for the informer. */
  public StateSourceHealth health() {
    return health;
  }

  public void health(StateSourceHealth health) {
    this.health = health;
  }

  /** Called once the informer's first list (or the first JDBC read) is in the cache. */
  public void markSynced() {
    synced = true;
  }

  public boolean synced() {
    return synced;
  }
}
