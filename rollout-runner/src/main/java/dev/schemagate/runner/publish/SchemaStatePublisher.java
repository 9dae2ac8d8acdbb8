package dev.schemagate.runner.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.contract.state.SchemaState;
import dev.schemagate.contract.state.TrackState;
import dev.schemagate.runner.kube.ClusterAccess;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes a track's state as the {@code SchemaState} object named after the track
 * (docs/state.md): creates the object with {@code spec.track} if missing, then writes {@code
 * status} through the status subresource.
 *
 * <p>Idempotent: when the object already shows the state, nothing is written (no new
 * resourceVersion, no watch event for the webhook). Conflicts (409, another writer changed the
 * object between read and write) are retried from a fresh read, so a concurrent publisher never
 * makes this one fail or write over newer fields it did not compute.
 */
public final class SchemaStatePublisher implements StatePublisher {

  public static final ResourceDefinitionContext SCHEMA_STATE =
      new ResourceDefinitionContext.Builder()
          .withGroup(SchemaState.GROUP)
          .withVersion(SchemaState.VERSION)
          .withKind(SchemaState.KIND)
          .withPlural(SchemaState.PLURAL)
          .withNamespaced(true)
          .build();

  static final String API_VERSION = SchemaState.API_VERSION;
  static final String CONDITION = "Published";
  static final String REASON = "HistoryRead";
  static final int ATTEMPTS = 8;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final Optional<String> database;
  private final Clock clock;
  private final AtomicInteger conflicts = new AtomicInteger();

  /**
   * @param namespace where the SchemaState objects live (the webhook reads all namespaces)
   * @param database the optional {@code spec.database} description (never credentials)
   */
  public SchemaStatePublisher(
      KubernetesClient client, String namespace, Optional<String> database, Clock clock) {
    this.client = Objects.requireNonNull(client);
    this.namespace = Objects.requireNonNull(namespace);
    this.database = database.filter(d -> !d.isBlank());
    this.clock = clock;
  }

  public SchemaStatePublisher(
      KubernetesClient client, String namespace, Optional<String> database) {
    this(client, namespace, database, Clock.systemUTC());
  }

  /** How many 409 conflicts this publisher has met and retried from a fresh read. */
  public int conflictsRetried() {
    return conflicts.get();
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void publish(TrackState state) throws PublishException {
    String where = "SchemaState " + namespace + "/" + state.track();
    KubernetesClientException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        publishOnce(state, where);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw new PublishException(
              "cannot publish " + where + ": " + ClusterAccess.explain(e), e);
        }
        last = e; // someone else wrote in between: read again and recompute
        conflicts.incrementAndGet();
        sleep(attempt);
      }
    }
    throw new PublishException(
        "cannot publish "
            + where
            + ": still conflicting after "
            + ATTEMPTS
            + " attempts: "
            + ClusterAccess.explain(last),
        last);
  }

  private void publishOnce(TrackState state, String where) throws PublishException {
    Resource<GenericKubernetesResource> handle =
        client
            .genericKubernetesResources(SCHEMA_STATE)
            .inNamespace(namespace)
            .withName(state.track());
    GenericKubernetesResource current = handle.get();
    if (current == null) {
      // A 409 here (created concurrently) is retried by publish() from a fresh read.
      current =
          client
              .genericKubernetesResources(SCHEMA_STATE)
              .inNamespace(namespace)
              .resource(newObject(state))
              .create();
    } else {
      current = reconcileSpec(current, state, where);
    }
    Map<String, Object> desired = status(state, current);
    if (same(desired, current.getAdditionalProperties().get("status"))) {
      return;
    }
    current.setAdditionalProperty("status", desired);
    // updateStatus sends the resourceVersion read above: a concurrent write makes it a 409.
    client
        .genericKubernetesResources(SCHEMA_STATE)
        .inNamespace(namespace)
        .resource(current)
        .updateStatus();
  }

  private GenericKubernetesResource newObject(TrackState state) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(SchemaState.KIND)
        .withNewMetadata()
        .withName(state.track())
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "schemagate-runner")
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec(state)))
        .build();
  }

  private Map<String, Object> spec(TrackState state) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("track", state.track());
    database.ifPresent(d -> spec.put("database", d));
    return spec;
  }

  @SuppressWarnings("unchecked")
  private GenericKubernetesResource reconcileSpec(
      GenericKubernetesResource current, TrackState state, String where) throws PublishException {
    Object specValue = current.getAdditionalProperties().get("spec");
    Map<String, Object> spec =
        specValue instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    Object track = spec.get("track");
    if (!state.track().equals(track)) {
      // spec.track is immutable (CRD validation): an object of this name about another track is a
      // misconfiguration a person must resolve, not something to overwrite.
      throw new PublishException(
          where
              + " has spec.track \""
              + track
              + "\", not \""
              + state.track()
              + "\"; rename or delete that object",
          null);
    }
    if (database.isEmpty() || database.get().equals(spec.get("database"))) {
      return current;
    }
    spec.put("database", database.get());
    current.setAdditionalProperty("spec", spec);
    return client
        .genericKubernetesResources(SCHEMA_STATE)
        .inNamespace(namespace)
        .resource(current)
        .update();
  }

  /**
   * The status docs/state.md documents, keeping the condition's transition time while it stays
   * True.
   */
  private Map<String, Object> status(TrackState state, GenericKubernetesResource current) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("window", Map.of("contracted", state.contracted(), "expanded", state.expanded()));
    if (state.lastVersion() != null && state.lastPhase() != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("version", state.lastVersion());
      last.put("phase", state.lastPhase());
      if (state.lastCommit() != null) {
        last.put("commit", state.lastCommit());
      }
      if (state.updatedAt() != null) {
        last.put("at", state.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
      }
      status.put("lastApplied", last);
    }
    Long generation = current.getMetadata().getGeneration();
    status.put("observedGeneration", generation == null ? 1L : generation);

    String message =
        "window " + state.contracted() + ".." + state.expanded() + " from the database history";
    String since =
        previousTrueTransition(current)
            .orElse(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", CONDITION);
    condition.put("status", "True");
    condition.put("reason", REASON);
    condition.put("message", message);
    condition.put("lastTransitionTime", since);
    condition.put("observedGeneration", generation == null ? 1L : generation);
    List<Object> conditions = new ArrayList<>();
    conditions.add(condition);
    otherConditions(current).forEach(conditions::add);
    status.put("conditions", conditions);
    return status;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> conditionsOf(GenericKubernetesResource current) {
    if (current.getAdditionalProperties().get("status") instanceof Map<?, ?> s
        && ((Map<String, Object>) s).get("conditions") instanceof List<?> list) {
      return (List<Object>) list;
    }
    return List.of();
  }

  private static Optional<String> previousTrueTransition(GenericKubernetesResource current) {
    for (Object c : conditionsOf(current)) {
      if (c instanceof Map<?, ?> m
          && CONDITION.equals(m.get("type"))
          && "True".equals(m.get("status"))
          && m.get("lastTransitionTime") instanceof String t) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Conditions other writers (people, tools) put there are kept as they are. */
  private static List<Object> otherConditions(GenericKubernetesResource current) {
    return conditionsOf(current).stream()
        .filter(c -> !(c instanceof Map<?, ?> m && CONDITION.equals(m.get("type"))))
        .toList();
  }

  /** Compares as JSON trees, so that an Integer read back as a Long still counts as equal. */
  private static boolean same(Object desired, Object existing) {
    if (existing == null) {
      return false;
    }
    try {
      JsonNode a = JSON.readTree(JSON.writeValueAsString(desired));
      JsonNode b = JSON.readTree(JSON.writeValueAsString(existing));
      return a.equals(b);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  private static void sleep(int attempt) throws PublishException {
    try {
      Thread.sleep(50L * attempt + (long) (Math.random() * 50));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while retrying a conflicting SchemaState update", e);
    }
  }
}
