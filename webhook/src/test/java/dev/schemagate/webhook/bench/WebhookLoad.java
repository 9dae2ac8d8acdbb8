package dev.schemagate.webhook.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.schemagate.webhook.Reviews;
import dev.schemagate.webhook.tls.PemCertificate;
import dev.schemagate.webhook.tls.SecretVolume;
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
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's load benchmark (bench/webhook-load.sh runs it): the packaged webhook as its own
 * process, its state from SchemaState objects on a real kube-apiserver (through its informer), its
 * certificate from a Secret-like folder; AdmissionReviews over HTTPS (HTTP/2, as the API server
 * talks to webhooks) at a fixed rate, sent by the Go load generator bench/loadgen ({@link
 * LoadRun}). Reports p50/p99/max, errors and the server's resident memory, for {@code /validate}
 * and, as the floor, {@code /allow} of the same server in the same run.
 *
 * <p>Options: {@code --rate N} (1000), {@code --duration S} (60), {@code --warmup S} (10), {@code
 * --server-jar PATH} (webhook/target/quarkus-app/quarkus-run.jar), {@code --loadgen PATH} (the
 * generator's binary; bench/webhook-load.sh passes it).
 */
public final class WebhookLoad {

  static final String KUBE_VERSION = "1.34.2";
  static final ResourceDefinitionContext SCHEMA_STATE =
      new ResourceDefinitionContext.Builder()
          .withGroup("schemagate.dev")
          .withVersion("v1alpha1")
          .withKind("SchemaState")
          .withPlural("schemastates")
          .withNamespaced(true)
          .build();

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int rate = Integer.parseInt(opts.getOrDefault("rate", "1000"));
    int duration = Integer.parseInt(opts.getOrDefault("duration", "60"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
    Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
    Path jar =
        root.resolve(opts.getOrDefault("server-jar", "webhook/target/quarkus-app/quarkus-run.jar"));
    String kubeDir =
        opts.getOrDefault(
            "kube-dir",
            Path.of(System.getProperty("user.home"), ".cache", "schemagate", "kube-api-test")
                .toString());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar + " is missing: build the webhook first (bench/webhook-load.sh does)");
    }
    Path tmp = Files.createTempDirectory("schemagate-bench");

    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(kubeDir)
                .withApiServerVersion(KUBE_VERSION)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    apiServer.start();
    Process server = null;
    int exitCode = 1;
    try {
      String kubeconfigYaml = apiServer.getKubeConfigYaml();
      Path kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeconfigYaml);
      try (KubernetesClient kube =
          new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build()) {
        installState(kube, root);
      }

      PemCertificate cert = PemCertificate.create(tmp, "schemagate-bench");
      SecretVolume volume = new SecretVolume(tmp.resolve("tls"));
      volume.publish(cert);
      int httpsPort = freePort();
      // WEBHOOK_JAVA_OPTS: the server's JVM options. By default the JVM sizes itself as it does in
      // the
      // chart's pod (memory limit 384Mi): MaxRAM makes the same ergonomic choices (heap 1/4, serial
      // GC).
      List<String> command =
          new ArrayList<>(
              List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      String serverOpts =
          System.getenv().getOrDefault("WEBHOOK_JAVA_OPTS", "-XX:MaxRAM=384m").trim();
      if (!serverOpts.isEmpty()) {
        command.addAll(List.of(serverOpts.split("\\s+")));
      }
      command.addAll(List.of("-jar", jar.toString()));
      System.out.println("server: " + String.join(" ", command.subList(1, command.size())));
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
      pb.environment().put("SCHEMAGATE_TLS_DIR", volume.dir().toString());
      pb.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(httpsPort));
      pb.redirectErrorStream(true).redirectOutput(tmp.resolve("webhook.log").toFile());
      server = pb.start();
      System.out.printf(
          "webhook pid %d (log %s), state: SchemaState orders 4..7, billing 1..3 on kube-apiserver %s%n",
          server.pid(), tmp.resolve("webhook.log"), KUBE_VERSION);
      awaitReady(httpsPort, cert, server, tmp.resolve("webhook.log"));

      Path loadgen = Path.of(opts.getOrDefault("loadgen", ""));
      if (!Files.isExecutable(loadgen)) {
        throw new IllegalArgumentException(
            "--loadgen: "
                + loadgen
                + " is not the load generator (scripts/install-loadgen.sh builds it)");
      }
      Path ca = tmp.resolve("ca.pem");
      Files.write(ca, cert.crtPem());
      Mix mix = new Mix(tmp);
      System.out.printf(
          "reviews: %d, %d and %d bytes (allowed orders@5, denied orders@9, no annotation), in turn%n",
          mix.allowed.size(), mix.denied.size(), mix.none.size());
      String base = "https://127.0.0.1:" + httpsPort;
      LoadRun runs = new LoadRun(loadgen, ca, rate);
      if (warmup > 0) {
        runs.run("warmup", base + "/allow", mix.allowCases, warmup);
        runs.run("warmup", base + "/validate", mix.validateCases, warmup);
      }
      System.out.printf(
          "%nmeasured: %d s at %d/s each, latency from when each request was due%n",
          duration, rate);
      LoadRun.Result floor = runs.run("/allow", base + "/allow", mix.allowCases, duration);
      LoadRun.Result real = runs.run("/validate", base + "/validate", mix.validateCases, duration);
      String rss = proc(server.pid(), "VmRSS");
      String hwm = proc(server.pid(), "VmHWM");
      System.out.printf("server memory: VmRSS %s, VmHWM (peak) %s%n", rss, hwm);
      double ratio = floor.p99() == 0 ? Double.NaN : real.p99() / floor.p99();
      System.out.printf(
          "targets: /validate p99 < 5 ms: %s (%.3f ms); p99 <= 1.5x floor: %s (%.2fx); zero errors: %s (%d)%n",
          real.p99() < 5 ? "met" : "NOT met",
          real.p99(),
          ratio <= 1.5 ? "met" : "NOT met",
          ratio,
          real.errors() + floor.errors() == 0 ? "met" : "NOT met",
          real.errors() + floor.errors());
      exitCode = real.errors() + floor.errors() == 0 ? 0 : 1;
    } finally {
      if (server != null) {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
        server.destroyForcibly();
      }
      apiServer.stop();
    }
    // Only after the webhook process and the API server are stopped: System.exit skips finally.
    System.exit(exitCode);
  }

  /**
   * Three realistic reviews in turn, written where the load generator reads them, and what each
   * must get: from /validate the live, above-window and no-annotation decisions with their exact
   * message; from /allow an allowed answer for each.
   */
  static final class Mix {
    final RealisticReviews allowed = RealisticReviews.deployment("storefront", "orders@5");
    final RealisticReviews denied = RealisticReviews.deployment("orders-api", "orders@9");
    final RealisticReviews none = RealisticReviews.deployment("billing-worker", null);
    final Path validateCases;
    final Path allowCases;

    Mix(Path dir) throws IOException {
      Path a = write(dir.resolve("allowed.json"), allowed);
      Path d = write(dir.resolve("denied.json"), denied);
      Path n = write(dir.resolve("none.json"), none);
      ArrayNode validate = Reviews.JSON.createArrayNode();
      validate.addObject().put("body", a.toString()).put("allowed", true).put("reason", "live");
      validate
          .addObject()
          .put("body", d.toString())
          .put("allowed", false)
          .put("reason", "above-window")
          .put("message", "orders@9 is not live: live window is 4..7; apply orders@8–9 first");
      validate
          .addObject()
          .put("body", n.toString())
          .put("allowed", true)
          .put("reason", "no-annotation");
      ArrayNode allow = Reviews.JSON.createArrayNode();
      for (Path p : List.of(a, d, n)) {
        allow.addObject().put("body", p.toString()).put("allowed", true);
      }
      validateCases = Files.writeString(dir.resolve("cases-validate.json"), validate.toString());
      allowCases = Files.writeString(dir.resolve("cases-allow.json"), allow.toString());
    }

    private static Path write(Path file, RealisticReviews review) throws IOException {
      return Files.write(file, review.body(RealisticReviews.UID_PLACEHOLDER));
    }
  }

  static void installState(KubernetesClient kube, Path root) {
    CustomResourceDefinition crd =
        kube.apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(root.resolve("charts/schemagate/crds/schemastate.yaml").toFile())
            .item();
    kube.resource(crd).create();
    kube.apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c.getStatus() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
            60,
            TimeUnit.SECONDS);
    kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("schemagate").endMetadata().build())
        .create();
    publish(kube, "schemagate", "orders", 4, 7, true);
    publish(kube, "schemagate", "billing", 0, 3, true);
  }

  /**
   * Creates (when {@code create}) and publishes a window through the status subresource, as the
   * runner does.
   */
  public static void publish(
      KubernetesClient kube,
      String namespace,
      String track,
      int contracted,
      int expanded,
      boolean create) {
    var resources = kube.genericKubernetesResources(SCHEMA_STATE).inNamespace(namespace);
    if (create) {
      resources
          .resource(
              new GenericKubernetesResourceBuilder()
                  .withApiVersion("schemagate.dev/v1alpha1")
                  .withKind("SchemaState")
                  .withNewMetadata()
                  .withName(track)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withAdditionalProperties(Map.of("spec", Map.of("track", track)))
                  .build())
          .create();
    }
    GenericKubernetesResource current = resources.withName(track).get();
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
                    "bench",
                    "at",
                    Instant.now().toString())));
    resources.resource(current).updateStatus();
  }

  /** Over HTTPS: the production profile serves nothing else (no plain HTTP listener). */
  private static void awaitReady(int httpsPort, PemCertificate cert, Process server, Path log)
      throws Exception {
    HttpClient plain =
        HttpClient.newBuilder().sslContext(PemCertificate.trusting(cert.certificate())).build();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "the webhook exited with " + server.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> r =
            plain.send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + httpsPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the webhook did not become ready in 180 s; see " + log);
  }

  static String proc(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        long kb = Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        return String.format("%.1f MiB", kb / 1024.0);
      }
    }
    return "unknown";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private WebhookLoad() {}
}
