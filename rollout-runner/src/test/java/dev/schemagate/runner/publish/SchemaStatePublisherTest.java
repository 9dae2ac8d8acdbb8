package dev.schemagate.runner.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.contract.state.TrackState;
import dev.schemagate.runner.kube.KubeApiServerSupport;
import dev.schemagate.testing.Await;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SchemaState objects published to a real kube-apiserver with the chart's CRD, read back. */
class SchemaStatePublisherTest {

  private static final String NS = "schemagate";
  private static KubeApiServerSupport kube;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    kube = KubeApiServerSupport.get();
    kube.namespace(NS);
    admin = kube.client();
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  private static GenericKubernetesResource read(String name) {
    return admin
        .genericKubernetesResources(SchemaStatePublisher.SCHEMA_STATE)
        .inNamespace(NS)
        .withName(name)
        .get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> status(GenericKubernetesResource r) {
    return map(r.getAdditionalProperties().get("status"));
  }

  private static Map<String, Object> condition(GenericKubernetesResource r) {
    @SuppressWarnings("unchecked")
    List<Object> conditions = (List<Object>) status(r).get("conditions");
    return map(
        conditions.stream()
            .filter(c -> "Published".equals(map(c).get("type")))
            .findFirst()
            .orElseThrow());
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void createsTheObjectAndPublishesTheStatusAsDocumented() throws Exception {
    new SchemaStatePublisher(admin, NS, Optional.of("orders-db (test)"), at("2026-11-25T17:00:01Z"))
        .publish(
            new TrackState(
                "orders",
                4,
                7,
                7,
                "backfill",
                "3f1c2ab",
                Instant.parse("2026-11-25T17:00:00.123Z")));

    GenericKubernetesResource r = read("orders");
    assertEquals(
        Map.of("track", "orders", "database", "orders-db (test)"),
        r.getAdditionalProperties().get("spec"));
    Map<String, Object> status = status(r);
    assertEquals(Map.of("contracted", 4, "expanded", 7), status.get("window"));
    assertEquals(
        Map.of(
            "version", 7, "phase", "backfill", "commit", "3f1c2ab", "at", "2026-11-25T17:00:00Z"),
        status.get("lastApplied"));
    assertEquals(
        r.getMetadata().getGeneration().intValue(),
        ((Number) status.get("observedGeneration")).intValue());
    Map<String, Object> published = condition(r);
    assertEquals("True", published.get("status"));
    assertEquals("HistoryRead", published.get("reason"));
    assertEquals("window 4..7 from the database history", published.get("message"));
    assertEquals("2026-11-25T17:00:01Z", published.get("lastTransitionTime"));
    assertEquals(
        "schemagate-runner", r.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
  }

  @Test
  void publishingTheSameStateAgainWritesNothing() throws Exception {
    SchemaStatePublisher p =
        new SchemaStatePublisher(admin, NS, Optional.empty(), at("2026-11-25T18:00:00Z"));
    TrackState s =
        new TrackState(
            "users", 0, 2, 2, "expand", "aaaa111", Instant.parse("2026-11-25T17:59:00Z"));
    p.publish(s);
    String version = read("users").getMetadata().getResourceVersion();
    p.publish(s);
    new SchemaStatePublisher(admin, NS, Optional.empty(), at("2026-11-25T19:00:00Z")).publish(s);
    assertEquals(version, read("users").getMetadata().getResourceVersion());
  }

  @Test
  void aNewStateMovesTheWindowAndKeepsTheConditionTransitionTime() throws Exception {
    new SchemaStatePublisher(admin, NS, Optional.empty(), at("2026-11-25T10:00:00Z"))
        .publish(
            new TrackState(
                "billing", 0, 3, 3, "expand", "c1", Instant.parse("2026-11-25T09:59:00Z")));
    new SchemaStatePublisher(admin, NS, Optional.empty(), at("2026-11-25T11:00:00Z"))
        .publish(
            new TrackState(
                "billing", 3, 3, 3, "contract", "c2", Instant.parse("2026-11-25T10:59:00Z")));
    GenericKubernetesResource r = read("billing");
    assertEquals(Map.of("contracted", 3, "expanded", 3), status(r).get("window"));
    assertEquals("contract", map(status(r).get("lastApplied")).get("phase"));
    assertEquals("c2", map(status(r).get("lastApplied")).get("commit"));
    assertEquals("2026-11-25T10:00:00Z", condition(r).get("lastTransitionTime"));
    assertEquals("window 3..3 from the database history", condition(r).get("message"));

    // A rollback of billing@3 (before its contract would be refused; here the history says so).
    new SchemaStatePublisher(admin, NS, Optional.empty(), at("2026-11-25T12:00:00Z"))
        .publish(
            new TrackState(
                "billing", 2, 2, 3, "rollback", "c3", Instant.parse("2026-11-25T11:59:00Z")));
    assertEquals("rollback", map(status(read("billing")).get("lastApplied")).get("phase"));
  }

  @Test
  void anObjectCreatedWithoutStatusGetsOneAndNothingAppliedHasNoLastApplied() throws Exception {
    admin
        .genericKubernetesResources(SchemaStatePublisher.SCHEMA_STATE)
        .inNamespace(NS)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("schemagate.dev/v1alpha1")
                .withKind("SchemaState")
                .withNewMetadata()
                .withName("catalog")
                .withNamespace(NS)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("track", "catalog")))
                .build())
        .create();
    assertNull(read("catalog").getAdditionalProperties().get("status"));
    new SchemaStatePublisher(admin, NS, Optional.empty())
        .publish(new TrackState("catalog", 0, 0, null, null, null, null));
    GenericKubernetesResource r = read("catalog");
    assertEquals(Map.of("contracted", 0, "expanded", 0), status(r).get("window"));
    assertNull(status(r).get("lastApplied"));
  }

  @Test
  void anObjectOfThatNameAboutAnotherTrackIsReportedNotOverwritten() {
    admin
        .genericKubernetesResources(SchemaStatePublisher.SCHEMA_STATE)
        .inNamespace(NS)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("schemagate.dev/v1alpha1")
                .withKind("SchemaState")
                .withNewMetadata()
                .withName("stock")
                .withNamespace(NS)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("track", "inventory")))
                .build())
        .create();
    StatePublisher.PublishException e =
        assertThrows(
            StatePublisher.PublishException.class,
            () ->
                new SchemaStatePublisher(admin, NS, Optional.empty())
                    .publish(new TrackState("stock", 0, 1, 1, "expand", "x", Instant.now())));
    assertEquals(
        "SchemaState schemagate/stock has spec.track \"inventory\", not \"stock\"; rename or delete that object",
        e.getMessage());
    assertEquals(Map.of("track", "inventory"), read("stock").getAdditionalProperties().get("spec"));
  }

  @Test
  void theApiServerRejectsAnInvalidWindowAndThePublisherSaysSo() {
    StatePublisher.PublishException e =
        assertThrows(
            StatePublisher.PublishException.class,
            () ->
                new SchemaStatePublisher(admin, NS, Optional.empty())
                    .publish(new TrackState("shipping", 5, 3, 5, "contract", "x", Instant.now())));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot publish SchemaState schemagate/shipping: API server answered 422: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("contracted cannot exceed expanded"), e.getMessage());
  }

  @Test
  void concurrentPublishersConflictAndAllSucceed() throws Exception {
    new SchemaStatePublisher(admin, NS, Optional.empty())
        .publish(new TrackState("payments", 0, 1, 1, "expand", "c0", Instant.now()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<SchemaStatePublisher> publishers = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        publishers.add(new SchemaStatePublisher(kube.client(), NS, Optional.empty()));
      }
      int round = 0;
      while (publishers.stream().mapToInt(SchemaStatePublisher::conflictsRetried).sum() == 0
          && round < 20) {
        round++;
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          SchemaStatePublisher p = publishers.get(i);
          int expanded = round * 10 + i + 2;
          futures.add(
              pool.submit(
                  () -> {
                    p.publish(
                        new TrackState(
                            "payments",
                            1,
                            expanded,
                            expanded,
                            "expand",
                            "c" + expanded,
                            Instant.now()));
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get(); // a PublishException would surface here
        }
        int lastRound = round;
        int published =
            ((Number) map(status(read("payments")).get("window")).get("expanded")).intValue();
        assertTrue(
            published >= lastRound * 10 + 2 && published <= lastRound * 10 + 5,
            "window.expanded " + published);
      }
      assertTrue(
          publishers.stream().mapToInt(SchemaStatePublisher::conflictsRetried).sum() > 0,
          "no 409 happened in " + round + " rounds of 4 concurrent publishers");
    } finally {
      pool.shutdownNow();
      publishers.forEach(p -> p.client().close());
    }
  }

  @Test
  void withTheRunnerRoleAServiceAccountCanPublishWithoutItItIsForbidden() throws Exception {
    admin
        .serviceAccounts()
        .inNamespace(NS)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("runner")
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(NS)
            .withName("runner")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config adminConfig = Config.fromKubeconfig(kube.kubeConfigYaml());
    Config tokenConfig =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(adminConfig.getMasterUrl())
            .withCaCertData(adminConfig.getCaCertData())
            .withCaCertFile(adminConfig.getCaCertFile())
            .withOauthToken(token)
            .withRequestRetryBackoffLimit(0)
            .build();
    try (KubernetesClient runner = new KubernetesClientBuilder().withConfig(tokenConfig).build()) {
      TrackState s = new TrackState("fulfilment", 0, 1, 1, "expand", "f1", Instant.now());
      StatePublisher.PublishException e =
          assertThrows(
              StatePublisher.PublishException.class,
              () -> new SchemaStatePublisher(runner, NS, Optional.empty()).publish(s));
      assertTrue(
          e.getMessage()
              .startsWith("cannot publish SchemaState schemagate/fulfilment: forbidden (403): "),
          e.getMessage());

      // The rules of charts/schemagate/templates/runner-rbac.yaml (Role in the release namespace).
      admin
          .resource(
              new RoleBuilder()
                  .withNewMetadata()
                  .withName("schemagate-runner")
                  .withNamespace(NS)
                  .endMetadata()
                  .withRules(
                      new PolicyRuleBuilder()
                          .withApiGroups("schemagate.dev")
                          .withResources("schemastates")
                          .withVerbs("get", "create", "update", "patch")
                          .build(),
                      new PolicyRuleBuilder()
                          .withApiGroups("schemagate.dev")
                          .withResources("schemastates/status")
                          .withVerbs("update", "patch")
                          .build())
                  .build())
          .create();
      admin
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName("schemagate-runner")
                  .withNamespace(NS)
                  .endMetadata()
                  .withNewRoleRef()
                  .withApiGroup("rbac.authorization.k8s.io")
                  .withKind("Role")
                  .withName("schemagate-runner")
                  .endRoleRef()
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName("runner")
                  .withNamespace(NS)
                  .endSubject()
                  .build())
          .create();
      // RBAC changes reach the authorizer's cache asynchronously: publish until it is allowed.
      Await.until(
          "the runner's account to be allowed to publish",
          Duration.ofSeconds(30),
          () -> {
            new SchemaStatePublisher(runner, NS, Optional.of("fulfilment-db")).publish(s);
            return true;
          });
      assertEquals(
          Map.of("contracted", 0, "expanded", 1), status(read("fulfilment")).get("window"));
      assertEquals(
          "fulfilment-db",
          map(read("fulfilment").getAdditionalProperties().get("spec")).get("database"));
    }
  }
}
