package dev.schemagate.webhook.e2e;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real etcd and kube-apiserver (the binaries scripts/install-kube.sh builds; fabric8
 * kube-api-test runs them offline), installs the SchemaState CRD from the chart, and points the
 * webhook's Kubernetes client and HTTPS port at them. Missing binaries fail the test: nothing is
 * skipped.
 */
public class KubeApiServerResource implements QuarkusTestResourceLifecycleManager {

  /** The version scripts/kube-apiserver/go.mod pins. */
  static final String KUBE_VERSION = "1.34.2";

  static volatile String kubeConfigYaml;
  static volatile Path caPem;
  static volatile int webhookPort;

  private KubeAPIServer server;

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("charts/schemagate/crds/schemastate.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "charts/schemagate/crds/schemastate.yaml not found above "
              + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  @Override
  public Map<String, String> start() {
    String binaries =
        System.getProperty(
            "schemagate.kube-api-test.dir",
            Path.of(System.getProperty("user.home"), ".cache", "schemagate", "kube-api-test")
                .toString());
    Path apiServer = Path.of(binaries, "k8s", KUBE_VERSION + "-linux-amd64", "kube-apiserver");
    if (!Files.isExecutable(apiServer)) {
      throw new IllegalStateException(
          apiServer
              + " is missing: run scripts/install-kube.sh (.ci/run does) to build kube-apiserver "
              + KUBE_VERSION);
    }
    try {
      Path tmp = Files.createTempDirectory("schemagate-e2e");
      TestCertificates certs = TestCertificates.create(tmp);
      caPem = certs.caPem;
      webhookPort = freePort();

      server =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withTestDir(binaries)
                  .withApiServerVersion(KUBE_VERSION)
                  .withOfflineMode(true)
                  .withUpdateKubeConfig(false)
                  .withStartupTimeout(120_000)
                  // Webhooks named by a Service are called at an EndpointSlice address, not at a
                  // ClusterIP no proxy here could route (ChartMatrixTest).
                  .withApiServerFlag("--enable-aggregator-routing=true")
                  .build());
      server.start();
      kubeConfigYaml = server.getKubeConfigYaml();
      Path kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeConfigYaml);

      // As Helm does: CRDs first, so the webhook's informer finds its resource on the first list.
      try (KubernetesClient client = client()) {
        CustomResourceDefinition crd =
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .load(repositoryRoot().resolve("charts/schemagate/crds/schemastate.yaml").toFile())
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
      }

      // The webhook's own client reads this kubeconfig (fabric8 auto-configuration).
      System.setProperty("kubeconfig", kubeconfig.toString());
      System.setProperty("kubernetes.auth.tryServiceAccount", "false");
      return Map.of(
          "schemagate.informer-enabled",
          "true",
          "quarkus.http.test-ssl-port",
          String.valueOf(webhookPort),
          // reachable at this machine's address too, where an EndpointSlice can point (not
          // loopback)
          "quarkus.http.host",
          "0.0.0.0",
          "quarkus.http.ssl.certificate.key-store-file",
          certs.serverKeyStore.toString(),
          "quarkus.http.ssl.certificate.key-store-password",
          TestCertificates.PASSWORD,
          "quarkus.http.ssl.certificate.key-store-file-type",
          "PKCS12");
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot prepare the end-to-end environment: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
    System.clearProperty("kubeconfig");
  }
}
