package dev.schemagate.runner.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One real etcd + kube-apiserver per test JVM (the binaries scripts/install-kube.sh builds; fabric8
 * kube-api-test runs them offline), with the SchemaState CRD from the chart installed. Adapted from
 * the webhook's KubeApiServerResource, without Quarkus. Missing binaries fail the tests: nothing is
 * skipped.
 */
public final class KubeApiServerSupport {

  /** The version scripts/kube-apiserver/go.mod pins. */
  public static final String KUBE_VERSION = "1.34.2";

  private static KubeApiServerSupport instance;

  private final KubeAPIServer server;
  private final String kubeConfigYaml;
  private final Path kubeconfig;
  private final Path tmp;

  private KubeApiServerSupport(
      KubeAPIServer server, String kubeConfigYaml, Path kubeconfig, Path tmp) {
    this.server = server;
    this.kubeConfigYaml = kubeConfigYaml;
    this.kubeconfig = kubeconfig;
    this.tmp = tmp;
  }

  /** The shared server, started on first use and stopped when the JVM exits. */
  public static synchronized KubeApiServerSupport get() {
    if (instance == null) {
      instance = start();
      KubeApiServerSupport started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started.server::stop, "kube-api-test-stop"));
    }
    return instance;
  }

  public static Path repositoryRoot() {
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

  private static KubeApiServerSupport start() {
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
      KubeAPIServer server =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withTestDir(binaries)
                  .withApiServerVersion(KUBE_VERSION)
                  .withOfflineMode(true)
                  .withUpdateKubeConfig(false)
                  .withStartupTimeout(120_000)
                  .build());
      server.start();
      String yaml = server.getKubeConfigYaml();
      Path tmp = Files.createTempDirectory("schemagate-runner-kube");
      Path kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(kubeconfig, yaml);
      KubeApiServerSupport support = new KubeApiServerSupport(server, yaml, kubeconfig, tmp);
      try (KubernetesClient client = support.client()) {
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
      return support;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the kube-apiserver test environment: " + e.getMessage(), e);
    }
  }

  /** A client with the API server's admin credentials. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
  }

  /** The admin kubeconfig, written to a file. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public String kubeConfigYaml() {
    return kubeConfigYaml;
  }

  /** A scratch directory next to the kubeconfig, for other kubeconfigs the tests write. */
  public Path tmp() {
    return tmp;
  }

  /** Creates the namespace unless it exists. */
  public void namespace(String name) {
    try (KubernetesClient client = client()) {
      if (client.namespaces().withName(name).get() == null) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
      }
    }
  }
}
