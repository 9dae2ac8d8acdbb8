package dev.schemagate.cli.candeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * can-deploy --kubeconfig against a real kube-apiserver and etcd (built by scripts/install-kube.sh)
 * with the chart's SchemaState CRD: the webhook's rules for duplicates and unknown tracks, and the
 * example shop's manifests.
 */
class CanDeployClusterTest {

  static final String KUBE_VERSION = "1.34.2";
  static final Path SHOP = Path.of("../examples/shop/k8s");
  static final ResourceDefinitionContext SCHEMA_STATE =
      new ResourceDefinitionContext.Builder()
          .withGroup("schemagate.dev")
          .withVersion("v1alpha1")
          .withKind("SchemaState")
          .withPlural("schemastates")
          .withNamespaced(true)
          .build();

  static KubeAPIServer server;
  static String kubeconfigYaml;

  @TempDir static Path tmp;

  @BeforeAll
  static void startApiServer() {
    String binaries =
        Path.of(System.getProperty("user.home"), ".cache", "schemagate", "kube-api-test")
            .toString();
    Path apiServer = Path.of(binaries, "k8s", KUBE_VERSION + "-linux-amd64", "kube-apiserver");
    if (!Files.isExecutable(apiServer)) {
      throw new IllegalStateException(
          apiServer + " is missing: run scripts/install-kube.sh (.ci/run does)");
    }
    server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries)
                .withApiServerVersion(KUBE_VERSION)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    server.start();
    kubeconfigYaml = server.getKubeConfigYaml();
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build()) {
      CustomResourceDefinition crd =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .load(Path.of("../charts/schemagate/crds/schemastate.yaml").toFile())
              .item();
      client.resource(crd).create();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              k ->
                                  "Established".equals(k.getType())
                                      && "True".equals(k.getStatus())),
              60,
              TimeUnit.SECONDS);
      for (String ns : new String[] {"schemagate", "staging-copy"}) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
      publish(client, "schemagate", "orders", 5, 8);
      // The same track published twice: the narrower window (6..8) counts.
      publish(client, "staging-copy", "orders", 6, 9);
    }
  }

  static void publish(
      KubernetesClient client, String ns, String track, int contracted, int expanded) {
    var resources = client.genericKubernetesResources(SCHEMA_STATE).inNamespace(ns);
    resources
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("schemagate.dev/v1alpha1")
                .withKind("SchemaState")
                .withNewMetadata()
                .withName(track)
                .withNamespace(ns)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("track", track)))
                .build())
        .create();
    GenericKubernetesResource current = resources.withName(track).get();
    current.setAdditionalProperty(
        "status", Map.of("window", Map.of("contracted", contracted, "expanded", expanded)));
    resources.resource(current).updateStatus();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theShopIsDecidedFromSchemaStateObjectsWithTheWebhooksRules() throws Exception {
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfigYaml);
    CanDeployRun r =
        CanDeployRun.of(Map.of(), "", "-f", SHOP.toString(), "--kubeconfig", kubeconfig.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("[live]: orders@8 is live (window 6..8)"), r.toString());
    assertTrue(
        r.out()
            .contains(
                "denied  Deployment shop/storefront ("
                    + SHOP.resolve("storefront.yaml")
                    + ":4) [below-window]: "
                    + "orders@5 is no longer supported: orders@6's contract removed what it needs (live window 6..8)"),
        r.toString());
    assertTrue(
        r.out().contains("[unknown-track]: billing@3: unknown track \"billing\""), r.toString());
    assertTrue(
        r.err().contains("track orders is published twice; using the narrower window"),
        r.toString());
    assertTrue(
        r.out()
            .contains(
                "3 workloads: 1 allowed, 2 denied; state from SchemaState objects in https://"),
        r.toString());
  }

  @Test
  void aContextIsChosenByNameAndAMissingOneIsNamed() throws Exception {
    Path kubeconfig = tmp.resolve("kubeconfig-ctx");
    Files.writeString(kubeconfig, kubeconfigYaml);
    String current = Config.fromKubeconfig(kubeconfigYaml).getCurrentContext().getName();
    CanDeployRun r =
        CanDeployRun.of(
            Map.of(),
            "",
            "-f",
            SHOP.resolve("orders-api.yaml").toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            current);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("(context " + current + ")"), r.toString());

    r =
        CanDeployRun.of(
            Map.of(),
            "",
            "-f",
            SHOP.resolve("orders-api.yaml").toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            "prod-eu");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("has no context named prod-eu"), r.toString());
  }
}
