package dev.schemagate.webhook.demo;

import dev.schemagate.webhook.tls.PemCertificate;
import dev.schemagate.webhook.tls.SecretVolume;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * examples/demo/run.sh: the whole story on this machine. An embedded PostgreSQL 17 holds the shop's
 * orders track under a live workload; a real kube-apiserver has the packaged webhook registered
 * (state from SchemaState objects the runner publishes); the runner ({@code schemagate apply}, the
 * CLI jar) applies phases from a Git copy of examples/shop. Each step prints the decision it met
 * and the workload's latency over the step. Exit 0 when every decision was the expected one.
 */
public final class Demo {

  static final String KUBE_VERSION = "1.34.2";

  private final Path root;
  private final Path tmp;
  private KubernetesClient kube;
  private String jdbcUrl;
  private Path kubeconfig;
  private Path repo;
  private Workload workload;
  private int failures;

  private Demo(Path root, Path tmp) {
    this.root = root;
    this.tmp = tmp;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Path tmp = Files.createTempDirectory("schemagate-demo");
    Instant start = Instant.now();
    int exit;
    EmbeddedPostgres pg = null;
    KubeAPIServer api = null;
    Process webhook = null;
    Demo demo = new Demo(root, tmp);
    try {
      say("== starting: embedded PostgreSQL 17, kube-apiserver " + KUBE_VERSION + ", the webhook");
      pg = EmbeddedPostgres.builder().start();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE shop");
      }
      demo.jdbcUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/shop";
      api =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withTestDir(
                      Path.of(
                              System.getProperty("user.home"),
                              ".cache",
                              "schemagate",
                              "kube-api-test")
                          .toString())
                  .withApiServerVersion(KUBE_VERSION)
                  .withOfflineMode(true)
                  .withUpdateKubeConfig(false)
                  .withStartupTimeout(120_000)
                  .build());
      api.start();
      String kubeconfigYaml = api.getKubeConfigYaml();
      demo.kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(demo.kubeconfig, kubeconfigYaml);
      demo.kube =
          new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
      webhook = demo.startWebhook();
      exit = demo.story();
    } catch (Exception e) {
      say("demo failed: " + e);
      e.printStackTrace();
      exit = 2;
    } finally {
      if (demo.workload != null) {
        demo.workload.close();
      }
      if (webhook != null) {
        webhook.destroy();
        webhook.waitFor(10, TimeUnit.SECONDS);
        webhook.destroyForcibly();
      }
      if (demo.kube != null) {
        demo.kube.close();
      }
      if (api != null) {
        api.stop();
      }
      if (pg != null) {
        pg.close();
      }
    }
    say(
        String.format(
            "== done in %d s; %s",
            Duration.between(start, Instant.now()).toSeconds(),
            exit == 0
                ? "every decision was the expected one"
                : "SOME DECISION WAS NOT THE EXPECTED ONE (exit " + exit + ")"));
    System.exit(exit);
  }

  static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private Process startWebhook() throws Exception {
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
    for (String ns : List.of("schemagate", "shop")) {
      kube.namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    Path jar = root.resolve("webhook/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the webhook first (examples/demo/run.sh does)");
    }
    PemCertificate cert = PemCertificate.create(tmp, "schemagate-demo");
    SecretVolume volume = new SecretVolume(tmp.resolve("tls"));
    volume.publish(cert);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:MaxRAM=384m",
            "-jar",
            jar.toString());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    pb.environment().put("SCHEMAGATE_TLS_DIR", volume.dir().toString());
    pb.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(port));
    pb.environment().put("SCHEMAGATE_WARMUP_REVIEWS", "200");
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("webhook.log").toFile());
    Process p = pb.start();
    kube.resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("schemagate-demo")
                .endMetadata()
                .addNewWebhook()
                .withName("requires.schemagate.dev")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Fail")
                .withTimeoutSeconds(5)
                .withMatchPolicy("Equivalent")
                .withNewClientConfig()
                .withUrl("https://127.0.0.1:" + port + "/validate")
                .withCaBundle(Base64.getEncoder().encodeToString(cert.crtPem()))
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
                .addNewRule()
                .withApiGroups("")
                .withApiVersions("v1")
                .withResources("pods")
                .withOperations("CREATE", "UPDATE")
                .withScope("Namespaced")
                .endRule()
                .endWebhook()
                .build())
        .create();
    // Registered and answering once an unknown track is refused with the webhook's own message.
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      try {
        kube.resource(deployment("probe", "orders@1")).dryRun().create();
      } catch (KubernetesClientException e) {
        if (e.getMessage().contains("unknown track \"orders\"")) {
          break;
        }
      }
      if (!p.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the webhook did not answer within 120 s; its log: " + tmp.resolve("webhook.log"));
      }
      Thread.sleep(250);
    }
    say(
        "webhook pid "
            + p.pid()
            + " on https://127.0.0.1:"
            + port
            + ", registered for Deployments and Pods (log "
            + tmp.resolve("webhook.log")
            + ")");
    return p;
  }

  /**
   * A Git copy of examples/shop on branch main that publishes SchemaStates and gates contracts on
   * namespace shop.
   */
  private void repository() throws Exception {
    repo = tmp.resolve("shop");
    Path from = root.resolve("examples/shop");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = repo.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Files.writeString(
        repo.resolve("schemagate.yaml"),
        "\nrollout:\n"
            + "  publish: {namespace: schemagate, database: \"shop (embedded PostgreSQL 17, demo)\"}\n"
            + "  contract_gate: {namespaces: [shop], kubeconfig: \""
            + kubeconfig
            + "\"}\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    run(repo, List.of("git", "init", "-q", "-b", "main"));
    run(repo, List.of("git", "add", "-A"));
    run(
        repo,
        List.of(
            "git",
            "-c",
            "user.name=demo",
            "-c",
            "user.email=demo@schemagate.dev",
            "commit",
            "-q",
            "-m",
            "shop"));
  }

  private static String run(Path dir, List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** Runs the CLI; returns its exit code and prints its last lines, indented. */
  private int schemagate(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                root.resolve("cli/target/schemagate.jar").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().put("PGUSER", "postgres");
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    say(
        "  $ schemagate "
            + String.join(" ", args).replace(jdbcUrl, "$DB")
            + "   (exit "
            + p.exitValue()
            + ")");
    // Vert.x's blocked-thread warnings (the Kubernetes client's event loop on a loaded machine) are
    // not the command's output
    List<String> lines =
        out.lines()
            .filter(
                l ->
                    !l.isBlank()
                        && !l.contains("BlockedThreadChecker")
                        && !l.startsWith("WARNING: Thread Thread[vert.x-eventloop"))
            .toList();
    for (String l : lines.subList(Math.max(0, lines.size() - 6), lines.size())) {
      say("    " + l);
    }
    return p.exitValue();
  }

  private void expect(String what, boolean ok) {
    say((ok ? "  ok: " : "  UNEXPECTED: ") + what);
    if (!ok) {
      failures++;
    }
  }

  /**
   * Creates a workload through the API server; returns null when admitted, else the webhook's
   * denial.
   */
  private String admit(Object workload) {
    try {
      if (workload instanceof Deployment d) {
        kube.resource(d).serverSideApply();
      } else {
        kube.resource((Pod) workload).create();
      }
      return null;
    } catch (KubernetesClientException e) {
      String m = e.getMessage();
      int i = m.indexOf("denied the request: ");
      return i < 0
          ? m
          : m.substring(i + "denied the request: ".length())
              .replaceAll("\\. Received status.*", "");
    }
  }

  private void decision(String what, Object workload, boolean expectAdmitted) {
    String denial = admit(workload);
    say("  " + what + ": " + (denial == null ? "admitted" : "denied: " + denial));
    expect(
        what + (expectAdmitted ? " is admitted" : " is denied"),
        (denial == null) == expectAdmitted);
  }

  private void latency(String step) {
    say("  workload during \"" + step + "\": " + workload.window());
  }

  private int story() throws Exception {
    repository();
    say("\n== 1. check: the repository's migrations, as a pull request would see them");
    expect("check finds no error", schemagate("check", "--repo", repo.toString()) == 0);

    say(
        "\n== 2. the schema as the old app knows it: orders up to @4 applied, the app (orders@4) running");
    expect(
        "apply to orders@4",
        schemagate(
                "apply",
                "--db",
                jdbcUrl,
                "--repo",
                repo.toString(),
                "--to",
                "orders@4",
                "--actor",
                "demo")
            == 0);
    workload = Workload.start(jdbcUrl, 4);
    decision(
        "Deployment shop/orders-api v4 (requires orders@4)",
        deployment("orders-api", "orders@4"),
        true);
    decision("its Pod shop/orders-api-v4", pod("orders-api-v4", "orders@4"), true);
    latency("apply to orders@4");

    say("\n== 3. the new app version before its schema: refused");
    decision(
        "Deployment shop/orders-api v5 (requires orders@5)",
        deployment("orders-api", "orders@5"),
        false);

    say(
        "\n== 4. apply orders@5's expand and backfill (display_name beside full_name, kept in sync)");
    expect(
        "apply to orders@5.backfill",
        schemagate(
                "apply",
                "--db",
                jdbcUrl,
                "--repo",
                repo.toString(),
                "--to",
                "orders@5.backfill",
                "--actor",
                "demo")
            == 0);
    latency("expand + backfill of orders@5");
    decision(
        "Deployment shop/orders-api v5 (requires orders@5)",
        deployment("orders-api", "orders@5"),
        true);
    decision("its Pod shop/orders-api-v5", pod("orders-api-v5", "orders@5"), true);
    workload.switchTo(5);

    say(
        "\n== 5. contract orders@5 (drops full_name) while an old pod still runs: held back by the contract gate");
    expect(
        "apply to orders@5 stops (exit 1)",
        schemagate(
                "apply",
                "--db",
                jdbcUrl,
                "--repo",
                repo.toString(),
                "--to",
                "orders@5",
                "--actor",
                "demo")
            == 1);

    say("\n== 6. the old pod is gone: the contract runs");
    kube.pods().inNamespace("shop").withName("orders-api-v4").withGracePeriod(0).delete();
    kube.pods()
        .inNamespace("shop")
        .withName("orders-api-v4")
        .waitUntilCondition(p -> p == null, 30, TimeUnit.SECONDS);
    expect(
        "apply to orders@5 (contract)",
        schemagate(
                "apply",
                "--db",
                jdbcUrl,
                "--repo",
                repo.toString(),
                "--to",
                "orders@5",
                "--actor",
                "demo")
            == 0);
    latency("contract of orders@5");

    say("\n== 7. an old version after the contract, and a rollback below the window: refused");
    decision(
        "Pod shop/orders-api-v4-again (requires orders@4)",
        pod("orders-api-v4-again", "orders@4"),
        false);
    decision(
        "rollback of Deployment shop/orders-api to v4 (requires orders@4)",
        deployment("orders-api", "orders@4"),
        false);
    expect(
        "a schema rollback below a contracted version is refused",
        schemagate(
                "rollback",
                "--db",
                jdbcUrl,
                "--repo",
                repo.toString(),
                "--actor",
                "demo",
                "orders@5")
            != 0);
    latency("steps 7");
    expect("no workload query failed", workload.errors() == 0);
    return failures == 0 ? 0 : 1;
  }

  private static Deployment deployment(String name, String requires) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
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
        .withImage("registry.invalid/" + name + ":" + requires.replace('@', '-'))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** No kubelet runs here: the Pod stays Pending, which the contract gate counts as running. */
  private static Pod pod(String name, String requires) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .addToAnnotations("schemagate.dev/requires", requires)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.invalid/orders-api:" + requires.replace('@', '-'))
        .endContainer()
        .endSpec()
        .build();
  }
}
