package dev.schemagate.webhook.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every option of the chart, rendered by the pinned helm and CREATED (not a dry run) on the real
 * kube-apiserver with strict server-side field validation (kubectl --validate=strict), the optional
 * objects against cert-manager's and prometheus-operator's own CRDs
 * (scripts/install-operator-crds.sh); the combinations are a pairwise cover of the options ({@link
 * PairwiseCover}). Then the chart's webhook configuration, with its Service, routes the API
 * server's admission calls to the running webhook through an EndpointSlice.
 */
@QuarkusTest
@TestProfile(KubeApiServerProfile.class)
class ChartMatrixTest {

  static final String CERT_MANAGER_VERSION = "v1.19.1";
  static final String PROMETHEUS_OPERATOR_VERSION = "v0.85.0";

  /** The chart's boolean and enum options, each with the --set values it is rendered with. */
  static final Map<String, List<String>> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("webhook.mode", List.of("enforce", "warn", "dry-run"));
    OPTIONS.put("webhook.failurePolicy", List.of("Fail", "Ignore"));
    OPTIONS.put("webhook.antiAffinity", List.of("soft", "hard", "none"));
    OPTIONS.put("webhook.topologySpread.topologyKey", List.of("topology.kubernetes.io/zone", ""));
    OPTIONS.put("webhook.podDisruptionBudget.enabled", List.of("true", "false"));
    OPTIONS.put("webhook.networkPolicy", List.of("off", "open", "restricted"));
    OPTIONS.put("state.source", List.of("kubernetes", "jdbc"));
    OPTIONS.put("tls.source", List.of("secret", "cert-manager", "cert-manager-issuer"));
    OPTIONS.put("metrics.serviceMonitor.enabled", List.of("true", "false"));
    OPTIONS.put("metrics.prometheusRule.enabled", List.of("true", "false"));
    OPTIONS.put("runner.rbac.create", List.of("true", "false"));
    OPTIONS.put("runner.podNamespaces", List.of("all", "listed"));
    OPTIONS.put("runner.job.enabled", List.of("true", "false"));
    OPTIONS.put("runner.job.hook", List.of("helm", "argocd", "none"));
    OPTIONS.put("runner.job.deferContracts", List.of("true", "false"));
    OPTIONS.put("drift.enabled", List.of("true", "false"));
    OPTIONS.put("watcher.enabled", List.of("true", "false"));
    OPTIONS.put("watcher.forge", List.of("github", "gitlab", "none"));
    OPTIONS.put("database.passwordSecret", List.of("set", "none"));
  }

  private static final ResourceDefinitionContext SCHEMA_STATE =
      new ResourceDefinitionContext.Builder()
          .withGroup("schemagate.dev")
          .withVersion("v1alpha1")
          .withKind("SchemaState")
          .withPlural("schemastates")
          .withNamespaced(true)
          .build();

  private static Path kubeconfig;

  static Path kubectl() {
    Path p =
        Path.of(
            System.getProperty(
                "schemagate.kube-api-test.dir",
                Path.of(System.getProperty("user.home"), ".cache", "schemagate", "kube-api-test")
                    .toString()),
            "k8s",
            KubeApiServerResource.KUBE_VERSION + "-linux-amd64",
            "kubectl");
    assertTrue(
        Files.isExecutable(p), p + " is missing: run scripts/install-kube.sh (.ci/run does)");
    return p;
  }

  static Path operatorCrds() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    Path dir =
        base.resolve("schemagate")
            .resolve(
                "operator-crds-cert-manager-"
                    + CERT_MANAGER_VERSION
                    + "-prometheus-operator-"
                    + PROMETHEUS_OPERATOR_VERSION);
    assertTrue(
        Files.isDirectory(dir),
        dir + " is missing: run scripts/install-operator-crds.sh (.ci/run does)");
    return dir;
  }

  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... command) throws Exception {
    Path err = Files.createTempFile("chart", ".err");
    Process p =
        new ProcessBuilder(command)
            .directory(KubeApiServerResource.repositoryRoot().toFile())
            .redirectError(err.toFile())
            .start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  static Run kubectl(String stdin, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(kubectl().toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return run(stdin, command.toArray(String[]::new));
  }

  @BeforeAll
  static void installOperatorCrds() throws Exception {
    kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, KubeApiServerResource.kubeConfigYaml);
    for (String crd :
        List.of(
            "cert-manager.io_certificates.yaml",
            "cert-manager.io_issuers.yaml",
            "monitoring.coreos.com_servicemonitors.yaml",
            "monitoring.coreos.com_prometheusrules.yaml")) {
      // server-side apply: the Issuer CRD is over the 256 KiB last-applied annotation limit
      Run r = kubectl(null, "apply", "--server-side", "-f", operatorCrds().resolve(crd).toString());
      assertEquals(0, r.exit(), crd + ": " + r.err());
    }
    Run r =
        kubectl(
            null,
            "wait",
            "--for=condition=Established",
            "--timeout=60s",
            "crd/certificates.cert-manager.io",
            "crd/issuers.cert-manager.io",
            "crd/servicemonitors.monitoring.coreos.com",
            "crd/prometheusrules.monitoring.coreos.com");
    assertEquals(0, r.exit(), r.err());
  }

  /** The --set arguments of one combination; the release's namespace must exist. */
  static List<String> sets(Map<String, String> row) {
    List<String> s = new ArrayList<>();
    row.forEach(
        (k, v) -> {
          switch (k) {
            case "webhook.networkPolicy" -> {
              s.add("webhook.networkPolicy.enabled=" + !v.equals("off"));
              if (v.equals("restricted")) {
                s.add("webhook.networkPolicy.apiServerCIDRs={10.0.0.0/24,2001:db8::/64}");
                s.add(
                    "webhook.networkPolicy.from[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=monitoring");
              }
            }
            case "state.source" -> {
              s.add("state.source=" + v);
              if (v.equals("jdbc")) {
                s.add("state.jdbc.url=jdbc:postgresql://orders-db:5432/orders");
                s.add("state.jdbc.user=schemagate_reader");
                s.add("state.jdbc.passwordSecret.name=orders-db-reader");
              }
            }
            case "tls.source" -> {
              s.add("tls.source=" + (v.equals("secret") ? "secret" : "cert-manager"));
              if (v.equals("cert-manager-issuer")) {
                s.add("tls.certManager.issuerRef.name=platform-ca");
                s.add("tls.certManager.issuerRef.kind=ClusterIssuer");
              }
            }
            case "runner.podNamespaces" -> {
              if (v.equals("listed")) {
                s.add("runner.podNamespaces={sg-shop}");
              }
            }
            case "database.passwordSecret" -> {
              if (v.equals("set")) {
                s.add("database.passwordSecret.name=orders-db-runner");
              }
            }
            case "webhook.podDisruptionBudget.enabled" -> s.add(k + "=" + v);
            default -> s.add(k + "=" + v);
          }
        });
    s.add("database.url=jdbc:postgresql://orders-db:5432/orders");
    s.add("database.user=schemagate_runner");
    s.add("migrations.repo=https://git.example/shop.git");
    s.add("watcher.tokenSecret.name=forge-token");
    return s;
  }

  static String render(String release, String namespace, List<String> sets) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                HelmChartTest.helm().toString(),
                "template",
                release,
                "charts/schemagate",
                "--namespace",
                namespace,
                "--set-file",
                "tls.caBundle=" + KubeApiServerResource.caPem));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    Run r = run(null, args.toArray(String[]::new));
    assertEquals(0, r.exit(), sets + ": " + r.err());
    return r.out();
  }

  static void namespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  @Test
  void everyPairOfOptionsRendersAndIsCreatedWithStrictValidation() throws Exception {
    List<Map<String, String>> rows = PairwiseCover.of(OPTIONS, ChartMatrixTest::valid);
    // A pairwise cover of 19 options is far smaller than the 2^13·3^6 full product.
    assertTrue(rows.size() < 30, rows.size() + " rows");
    try (KubernetesClient client = KubeApiServerResource.client()) {
      namespace(client, "sg-shop");
      Map<String, Integer> kinds = new java.util.TreeMap<>();
      for (int i = 0; i < rows.size(); i++) {
        String release = "m" + i;
        String ns = "sg-matrix-" + i;
        namespace(client, ns);
        String manifests = render(release, ns, sets(rows.get(i)));
        // the release's namespace as the context's default, not --namespace: the runner's pod Roles
        // name their own namespace (runner.podNamespaces), which --namespace would refuse
        Run c = kubectl(null, "config", "set-context", "--current", "--namespace=" + ns);
        assertEquals(0, c.exit(), c.err());
        Run r;
        try {
          r = kubectl(manifests, "create", "--validate=strict", "-f", "-");
        } finally {
          // the configuration points at a Service with no pods: out of the way of the next
          // combination and of the other tests on this API server, whatever happened
          Run d =
              kubectl(
                  null,
                  "delete",
                  "--ignore-not-found",
                  "validatingwebhookconfiguration",
                  release + "-webhook");
          assertEquals(0, d.exit(), d.err());
        }
        // kubectl says one line per object it created; anything refused (an unknown or duplicate
        // field, a schema violation of a CRD) makes it exit non-zero with the API server's reason
        assertEquals(0, r.exit(), "combination " + i + " " + rows.get(i) + ":\n" + r.err());
        for (String line : r.out().split("\n")) {
          if (line.endsWith(" created")) {
            kinds.merge(line.substring(0, line.indexOf('/')), 1, Integer::sum);
          }
        }
      }
      // every kind the chart can render was created at least once
      assertEquals(
          List.of(
              "certificate.cert-manager.io",
              "clusterrole.rbac.authorization.k8s.io",
              "clusterrolebinding.rbac.authorization.k8s.io",
              "cronjob.batch",
              "deployment.apps",
              "issuer.cert-manager.io",
              "job.batch",
              "networkpolicy.networking.k8s.io",
              "poddisruptionbudget.policy",
              "prometheusrule.monitoring.coreos.com",
              "role.rbac.authorization.k8s.io",
              "rolebinding.rbac.authorization.k8s.io",
              "service",
              "serviceaccount",
              "servicemonitor.monitoring.coreos.com",
              "validatingwebhookconfiguration.admissionregistration.k8s.io"),
          List.copyOf(kinds.keySet()),
          kinds.toString());
    }
  }

  /** runner.job.enabled needs the runner's ServiceAccount: the chart refuses the pair. */
  static boolean valid(Map<String, String> row) {
    return !("true".equals(row.get("runner.job.enabled"))
        && "false".equals(row.get("runner.rbac.create")));
  }

  @Test
  void theRefusedPairFailsTheRenderWithItsReason() throws Exception {
    Run r =
        run(
            null,
            HelmChartTest.helm().toString(),
            "template",
            "sg",
            "charts/schemagate",
            "--set",
            "runner.job.enabled=true",
            "--set",
            "runner.rbac.create=false",
            "--set",
            "database.url=jdbc:postgresql://db/orders",
            "--set",
            "migrations.repo=https://git.example/shop.git");
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("runner.job.enabled needs runner.rbac.create=true"), r.err());
    r =
        run(
            null,
            HelmChartTest.helm().toString(),
            "template",
            "sg",
            "charts/schemagate",
            "--set",
            "drift.enabled=true");
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("drift.enabled need database.url"), r.err());
    r =
        run(
            null,
            HelmChartTest.helm().toString(),
            "template",
            "sg",
            "charts/schemagate",
            "--set",
            "webhook.antiAffinty=hard");
    assertNotEquals(0, r.exit());
    assertTrue(
        r.err().contains("at '/webhook': additional properties 'antiAffinty' not allowed"),
        r.err());
  }

  /**
   * The chart's ValidatingWebhookConfiguration names its Service; the API server resolves it to an
   * EndpointSlice address (as a cluster's endpoint controller would write it for the pods) and
   * calls the running webhook there, verifying it against the chart's caBundle for the Service's
   * DNS name.
   */
  @Test
  void theApiServerReachesTheWebhookThroughTheChartsServiceAndConfiguration() throws Exception {
    String ns = "schemagate-route";
    try (KubernetesClient client = KubeApiServerResource.client()) {
      namespace(client, ns);
      namespace(client, "schemagate");
      String manifests = render("sgroute", ns, List.of("runner.rbac.create=false"));
      Run r = kubectl(manifests, "create", "--validate=strict", "--namespace", ns, "-f", "-");
      assertEquals(0, r.exit(), r.err());
      try {
        client
            .genericKubernetesResources(SCHEMA_STATE)
            .inNamespace(ns)
            .resource(
                new GenericKubernetesResourceBuilder()
                    .withApiVersion("schemagate.dev/v1alpha1")
                    .withKind("SchemaState")
                    .withNewMetadata()
                    .withName("routed")
                    .withNamespace(ns)
                    .endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("track", "routed")))
                    .build())
            .create();
        GenericKubernetesResource state =
            client
                .genericKubernetesResources(SCHEMA_STATE)
                .inNamespace(ns)
                .withName("routed")
                .get();
        state.setAdditionalProperty(
            "status", Map.of("window", Map.of("contracted", 1, "expanded", 3)));
        client
            .genericKubernetesResources(SCHEMA_STATE)
            .inNamespace(ns)
            .resource(state)
            .updateStatus();

        // "schemagate" is a namespace the chart's configuration checks (only its own and
        // kube-system are exempt) and the other end-to-end test's configuration does not.
        // No endpoint yet: the API server has nowhere to send the review (failurePolicy Fail).
        eventually(
            () -> {
              try {
                client.resource(deployment("routed-early", "routed@2")).dryRun().create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getMessage().contains("failed calling webhook \"requires.schemagate.dev\"")
                    && e.getMessage()
                        .contains("no endpoints available for service \"sgroute-webhook\"");
              }
            });

        client
            .resource(
                new EndpointSliceBuilder()
                    .withNewMetadata()
                    .withName("sgroute-webhook-1")
                    .withNamespace(ns)
                    .addToLabels("kubernetes.io/service-name", "sgroute-webhook")
                    .endMetadata()
                    .withAddressType("IPv4")
                    .addNewEndpoint()
                    .withAddresses(hostAddress())
                    .withNewConditions()
                    .withReady(true)
                    .endConditions()
                    .endEndpoint()
                    .addNewPort()
                    .withName("https")
                    .withPort(KubeApiServerResource.webhookPort)
                    .withProtocol("TCP")
                    .endPort()
                    .build())
            .create();

        eventually(
            () -> {
              try {
                client.resource(deployment("routed-ahead", "routed@9")).dryRun().create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getCode() == 403
                    && e.getMessage()
                        .contains(
                            "admission webhook \"requires.schemagate.dev\" denied the request: routed@9 is not live: live window is 1..3");
              }
            });
        // admitted only if the chart's configuration reached the webhook (failurePolicy Fail)
        Deployment admitted = client.resource(deployment("routed-live", "routed@2")).create();
        assertEquals(
            "routed@2",
            admitted
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("schemagate.dev/requires"));
      } finally {
        kubectl(
            null,
            "delete",
            "--ignore-not-found",
            "validatingwebhookconfiguration",
            "sgroute-webhook");
      }
    }
  }

  private static String hostAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
          return a.getHostAddress();
        }
      }
    }
    throw new AssertionError(
        "no non-loopback IPv4 address on this machine: an EndpointSlice cannot name loopback, "
            + "so the API server cannot be routed to the webhook through a Service here");
  }

  private static Deployment deployment(String name, String requires) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("schemagate")
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .addToAnnotations("schemagate.dev/requires", requires)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.invalid/" + name + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(200);
    }
  }

  static String describe(List<Map<String, String>> rows) {
    return rows.stream().map(Map::toString).collect(Collectors.joining("\n"));
  }
}
