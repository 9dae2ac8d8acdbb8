package dev.schemagate.webhook.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.testing.Await;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook behind a real kube-apiserver and etcd: Deployments created through the API server are
 * admitted or denied with the webhook's message, and decisions follow SchemaState updates.
 */
@QuarkusTest
@TestProfile(KubeApiServerProfile.class)
class KubeApiServerE2ETest {

  private static final ResourceDefinitionContext SCHEMA_STATE =
      new ResourceDefinitionContext.Builder()
          .withGroup("schemagate.dev")
          .withVersion("v1alpha1")
          .withKind("SchemaState")
          .withPlural("schemastates")
          .withNamespaced(true)
          .build();

  private static KubernetesClient client;

  @BeforeAll
  static void installWebhook() throws Exception {
    client = KubeApiServerResource.client();
    for (String ns : new String[] {"shop", "schemagate"}) {
      // applied, not created: ChartMatrixTest, on the same API server, may have made it already
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    client
        .genericKubernetesResources(SCHEMA_STATE)
        .inNamespace("schemagate")
        .resource(schemaState())
        .create();
    publish(4, 7);

    String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(KubeApiServerResource.caPem));
    ValidatingWebhookConfiguration vwc =
        new ValidatingWebhookConfigurationBuilder()
            .withNewMetadata()
            .withName("schemagate-e2e")
            .endMetadata()
            .addNewWebhook()
            .withName("requires.schemagate.dev")
            .withAdmissionReviewVersions("v1")
            .withSideEffects("None")
            .withFailurePolicy("Fail")
            .withTimeoutSeconds(5)
            .withMatchPolicy("Equivalent")
            .withNewClientConfig()
            .withUrl("https://127.0.0.1:" + KubeApiServerResource.webhookPort + "/validate")
            .withCaBundle(ca)
            .endClientConfig()
            .withNewNamespaceSelector()
            .addNewMatchExpression()
            .withKey("kubernetes.io/metadata.name")
            .withOperator("NotIn")
            .withValues("kube-system", "schemagate")
            .endMatchExpression()
            .endNamespaceSelector()
            .addNewRule()
            .withApiGroups("apps")
            .withApiVersions("v1")
            .withResources("deployments")
            .withOperations("CREATE", "UPDATE")
            .withScope("Namespaced")
            .endRule()
            .endWebhook()
            .build();
    client.resource(vwc).create();

    // The API server picks webhook configurations up asynchronously: wait until a server-side
    // dry run (which the webhook answers like a real request) meets the denial.
    eventually(
        () -> {
          try {
            client.resource(deployment("probe", "orders@99")).dryRun().create();
            return false;
          } catch (KubernetesClientException e) {
            return e.getMessage().contains("orders@99 is not live");
          }
        });
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  private static GenericKubernetesResource schemaState() {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("schemagate.dev/v1alpha1")
        .withKind("SchemaState")
        .withNewMetadata()
        .withName("orders")
        .withNamespace("schemagate")
        .endMetadata()
        .withAdditionalProperties(
            Map.of("spec", Map.of("track", "orders", "database", "orders-db (e2e)")))
        .build();
  }

  /** Moves the window the way the runner does: through the status subresource. */
  private static void publish(int contracted, int expanded) {
    GenericKubernetesResource current =
        client
            .genericKubernetesResources(SCHEMA_STATE)
            .inNamespace("schemagate")
            .withName("orders")
            .get();
    current.setAdditionalProperty(
        "status",
        Map.of(
            "window", Map.of("contracted", contracted, "expanded", expanded),
            "lastApplied",
                Map.of(
                    "version",
                    expanded,
                    "phase",
                    "expand",
                    "commit",
                    "e2e",
                    "at",
                    Instant.now().toString()),
            "observedGeneration", current.getMetadata().getGeneration()));
    client
        .genericKubernetesResources(SCHEMA_STATE)
        .inNamespace("schemagate")
        .resource(current)
        .updateStatus();
  }

  private static Deployment deployment(String name, String requires) {
    return deployment("shop", name, requires);
  }

  private static Deployment deployment(String namespace, String name, String requires) {
    DeploymentBuilder b =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.invalid/" + name + ":1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec();
    if (requires != null) {
      b.editSpec()
          .editTemplate()
          .editMetadata()
          .addToAnnotations("schemagate.dev/requires", requires)
          .endMetadata()
          .endTemplate()
          .endSpec();
    }
    return b.build();
  }

  private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    Await.until("the condition", Duration.ofSeconds(60), condition::get);
  }

  private static KubernetesClientException denied(Deployment d) {
    return assertThrows(KubernetesClientException.class, () -> client.resource(d).create());
  }

  @Test
  void liveRequirementAndNoRequirementAreAdmitted() {
    assertEquals(
        "orders@6",
        client
            .resource(deployment("live", "orders@6"))
            .create()
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get("schemagate.dev/requires"));
    client.resource(deployment("plain", null)).create();
  }

  @Test
  void requirementAboveTheWindowIsDeniedWithTheWebhookMessage() {
    KubernetesClientException e = denied(deployment("ahead", "orders@9"));
    assertEquals(403, e.getCode());
    assertTrue(
        e.getMessage()
            .contains(
                "admission webhook \"requires.schemagate.dev\" denied the request: orders@9 is not live: live window is 4..7; apply orders@8–9 first"),
        e.getMessage());
  }

  @Test
  void unknownTrackAndMalformedValuesAreDeniedQuotingThem() {
    assertTrue(
        denied(deployment("billing", "billing@1"))
            .getMessage()
            .contains("unknown track \"billing\""));
    assertTrue(
        denied(deployment("typo", "orders@seven")).getMessage().contains("\"orders@seven\""));
  }

  @Test
  void exemptNamespaceIsNotChecked() {
    client.resource(deployment("kube-system", "ahead", "orders@99")).create();
  }

  @Test
  void decisionsFollowTheSchemaStateStatus() throws Exception {
    try {
      assertTrue(
          denied(deployment("next", "orders@8")).getMessage().contains("apply orders@8 first"));

      publish(4, 8); // the runner applied orders@8's expand
      eventually(
          () -> {
            try {
              client.resource(deployment("next", "orders@8")).create();
              return true;
            } catch (KubernetesClientException e) {
              return false;
            }
          });
      client.resource(deployment("old", "orders@5")).create();

      publish(6, 8); // orders@6's contract removed what orders@5 needs
      eventually(
          () -> {
            try {
              client.resource(deployment("old-copy", "orders@5")).dryRun().create();
              return false;
            } catch (KubernetesClientException e) {
              return e.getMessage().contains("orders@5 is no longer supported");
            }
          });

      // Scaling a workload whose requirement left the window is never blocked.
      Deployment scaled =
          client
              .apps()
              .deployments()
              .inNamespace("shop")
              .withName("old")
              .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(3).endSpec().build());
      assertEquals(3, scaled.getSpec().getReplicas());

      // Changing it to another out-of-window version is checked.
      KubernetesClientException e =
          assertThrows(
              KubernetesClientException.class,
              () ->
                  client
                      .apps()
                      .deployments()
                      .inNamespace("shop")
                      .withName("old")
                      .edit(
                          d ->
                              new DeploymentBuilder(d)
                                  .editSpec()
                                  .editTemplate()
                                  .editMetadata()
                                  .addToAnnotations("schemagate.dev/requires", "orders@4")
                                  .endMetadata()
                                  .endTemplate()
                                  .endSpec()
                                  .build()));
      assertTrue(e.getMessage().contains("orders@4 is no longer supported"), e.getMessage());
    } finally {
      publish(4, 7);
      eventually(
          () -> {
            try {
              client.resource(deployment("probe", "orders@8")).dryRun().create();
              return false;
            } catch (KubernetesClientException e) {
              return e.getMessage().contains("orders@8 is not live");
            }
          });
    }
  }
}
