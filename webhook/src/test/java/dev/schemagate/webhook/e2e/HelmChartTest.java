package dev.schemagate.webhook.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chart, rendered by the pinned helm (scripts/install-helm.sh), is valid to a real
 * kube-apiserver: every rendered object passes a server-side dry-run create, and the webhook
 * configuration says what docs/webhook.md promises.
 */
@QuarkusTest
@TestProfile(KubeApiServerProfile.class)
class HelmChartTest {

  /** The version scripts/install-helm.sh pins. */
  static final String HELM_VERSION = "v3.21.4";

  static final String NAMESPACE = "schemagate-helm";

  static Path helm() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    Path pinned = base.resolve("schemagate").resolve("helm-" + HELM_VERSION).resolve("helm");
    // a missing helm fails, as a missing kube-apiserver does: a skipped chart test would hide a
    // broken chart
    assertTrue(
        Files.isExecutable(pinned),
        "helm "
            + HELM_VERSION
            + " is not installed at "
            + pinned
            + ": run scripts/install-helm.sh (.ci/run does)");
    return pinned;
  }

  record Run(int exit, String out, String err) {}

  static Run helm(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(helm().toString());
    command.addAll(List.of(args));
    Path err = Files.createTempFile("helm", ".err");
    Process p =
        new ProcessBuilder(command)
            .directory(KubeApiServerResource.repositoryRoot().toFile())
            .redirectError(err.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        p.waitFor(120, TimeUnit.SECONDS), "helm " + String.join(" ", args) + " did not finish");
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private static List<HasMetadata> render(KubernetesClient client, String release, String... sets)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("template", release, "charts/schemagate", "--namespace", NAMESPACE));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    args.add("--set-file");
    args.add("tls.caBundle=" + KubeApiServerResource.caPem);
    Run r = helm(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return client.load(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8))).items();
  }

  private static void dryRunCreate(KubernetesClient client, List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      HasMetadata created = client.resource(o).inNamespace(NAMESPACE).dryRun().create();
      assertNotNull(created, o.getKind() + " " + o.getMetadata().getName());
      assertEquals(o.getKind(), created.getKind());
    }
  }

  @Test
  void lintPasses() throws Exception {
    Run r = helm("lint", "charts/schemagate");
    assertEquals(0, r.exit(), r.out() + r.err());
  }

  @Test
  void theDefaultRenderingIsAcceptedByTheApiServer() throws Exception {
    try (KubernetesClient client = KubeApiServerResource.client()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      List<HasMetadata> objects = render(client, "sg");
      // The webhook's ServiceAccount and its ClusterRole to watch SchemaStates, then the rollout
      // runner's (templates/runner-rbac.yaml): pods in all namespaces, SchemaStates in this one.
      assertEquals(
          List.of(
              "PodDisruptionBudget",
              "ServiceAccount",
              "ServiceAccount",
              "ClusterRole",
              "ClusterRole",
              "ClusterRoleBinding",
              "ClusterRoleBinding",
              "Role",
              "RoleBinding",
              "Service",
              "Deployment",
              "ValidatingWebhookConfiguration"),
          objects.stream().map(HasMetadata::getKind).toList());
      assertTrue(
          objects.stream()
              .anyMatch(
                  o ->
                      o.getKind().equals("ServiceAccount")
                          && o.getMetadata().getName().equals("sg-runner")),
          objects.stream()
              .map(o -> o.getKind() + "/" + o.getMetadata().getName())
              .toList()
              .toString());
      dryRunCreate(client, objects);

      ValidatingWebhook hook =
          objects.stream()
              .filter(o -> o instanceof ValidatingWebhookConfiguration)
              .map(o -> ((ValidatingWebhookConfiguration) o).getWebhooks().get(0))
              .findFirst()
              .orElseThrow();
      assertEquals("None", hook.getSideEffects());
      assertEquals("Fail", hook.getFailurePolicy());
      assertEquals(3, hook.getTimeoutSeconds());
      assertEquals(
          List.of("kube-system", NAMESPACE),
          hook.getNamespaceSelector().getMatchExpressions().get(0).getValues());
      assertEquals("/validate", hook.getClientConfig().getService().getPath());
      assertNotEquals(null, hook.getClientConfig().getCaBundle());

      Deployment d =
          objects.stream()
              .filter(o -> o instanceof Deployment)
              .map(Deployment.class::cast)
              .findFirst()
              .orElseThrow();
      var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertTrue(
          container.getVolumeMounts().stream()
              .anyMatch(m -> m.getMountPath().equals("/etc/schemagate/tls")));
      assertEquals(
          "schemagate-webhook-tls",
          d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName());
      assertEquals("enforce", env(d, "SCHEMAGATE_MODE"));
      assertEquals("kubernetes", env(d, "SCHEMAGATE_STATE_SOURCE"));
    }
  }

  @Test
  void warnModeWithTheJdbcStateSourceIsAcceptedByTheApiServer() throws Exception {
    try (KubernetesClient client = KubeApiServerResource.client()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      List<HasMetadata> objects =
          render(
              client,
              "sgjdbc",
              "webhook.mode=warn",
              "webhook.failurePolicy=Ignore",
              "webhook.timeoutSeconds=5",
              "state.source=jdbc",
              "state.jdbc.url=jdbc:postgresql://orders-db:5432/orders",
              "state.jdbc.user=schemagate_reader",
              "state.jdbc.passwordSecret.name=orders-db-reader",
              "runner.rbac.create=false");
      // No RBAC: the JDBC source does not read the cluster (and this release installs no runner).
      assertEquals(
          List.of(
              "PodDisruptionBudget",
              "ServiceAccount",
              "Service",
              "Deployment",
              "ValidatingWebhookConfiguration"),
          objects.stream().map(HasMetadata::getKind).toList());
      dryRunCreate(client, objects);
      Deployment d =
          objects.stream()
              .filter(o -> o instanceof Deployment)
              .map(Deployment.class::cast)
              .findFirst()
              .orElseThrow();
      assertEquals("warn", env(d, "SCHEMAGATE_MODE"));
      assertEquals("jdbc:postgresql://orders-db:5432/orders", env(d, "SCHEMAGATE_STATE_JDBC_URL"));
      assertEquals("/etc/schemagate/db/password", env(d, "SCHEMAGATE_STATE_JDBC_PASSWORD_FILE"));
    }
  }

  @Test
  void badValuesAreRefusedByHelmOrByTheApiServer() throws Exception {
    Run r = helm("template", "sg", "charts/schemagate", "--set", "webhook.mode=block");
    assertNotEquals(0, r.exit());
    // values.schema.json, before any template runs
    assertTrue(
        r.err().contains("at '/webhook/mode': value must be one of 'enforce', 'warn', 'dry-run'"),
        r.err());

    r = helm("template", "sg", "charts/schemagate", "--set", "state.source=jdbc");
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("state.source jdbc needs state.jdbc.url"), r.err());

    // 45 s is above the API server's 30 s limit for webhooks: values.schema.json says so at render,
    // before the API server would (422 on timeoutSeconds)
    r = helm("template", "sg", "charts/schemagate", "--set", "webhook.timeoutSeconds=45");
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("at '/webhook/timeoutSeconds': maximum: got 45, want 30"), r.err());
  }

  @Test
  void theRunnerJobIsAHookThatRunsAfterItsServiceAccountAndReadsThePasswordFromAFile()
      throws Exception {
    try (KubernetesClient client = KubeApiServerResource.client()) {
      for (String hook : List.of("helm", "argocd", "none")) {
        List<HasMetadata> objects =
            render(
                client,
                "sghook",
                "runner.job.enabled=true",
                "runner.job.hook=" + hook,
                "database.url=jdbc:postgresql://orders-db:5432/orders",
                "database.passwordSecret.name=orders-db-runner",
                "migrations.repo=https://git.example/shop.git",
                // a private repository's token, except in the plain Job: there none is mounted
                "migrations.gitPasswordSecret.name=" + (hook.equals("none") ? "" : "shop-git"));
        Job job =
            objects.stream()
                .filter(o -> o instanceof Job)
                .map(Job.class::cast)
                .findFirst()
                .orElseThrow();
        HasMetadata sa =
            objects.stream()
                .filter(
                    o ->
                        o.getKind().equals("ServiceAccount")
                            && o.getMetadata().getName().equals("sghook-runner"))
                .findFirst()
                .orElseThrow();
        Map<String, String> jobAnnotations =
            job.getMetadata().getAnnotations() == null
                ? Map.of()
                : job.getMetadata().getAnnotations();
        Map<String, String> saAnnotations =
            sa.getMetadata().getAnnotations() == null
                ? Map.of()
                : sa.getMetadata().getAnnotations();
        switch (hook) {
          case "helm" -> {
            assertEquals("pre-install,pre-upgrade", jobAnnotations.get("helm.sh/hook"));
            assertEquals("pre-install,pre-upgrade", saAnnotations.get("helm.sh/hook"));
            assertTrue(
                Integer.parseInt(saAnnotations.get("helm.sh/hook-weight"))
                    < Integer.parseInt(jobAnnotations.get("helm.sh/hook-weight")));
          }
          case "argocd" -> {
            assertEquals("PreSync", jobAnnotations.get("argocd.argoproj.io/hook"));
            assertEquals("PreSync", saAnnotations.get("argocd.argoproj.io/hook"));
            assertEquals("-1", jobAnnotations.get("argocd.argoproj.io/sync-wave"));
            assertEquals("-2", saAnnotations.get("argocd.argoproj.io/sync-wave"));
          }
          default -> {
            assertEquals(Map.of(), jobAnnotations);
            assertEquals(Map.of(), saAnnotations);
          }
        }
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("sghook-runner", pod.getServiceAccountName());
        List<String> args = pod.getContainers().get(0).getArgs();
        assertEquals("apply", args.get(0));
        assertEquals("/etc/schemagate/db/password", args.get(args.indexOf("--password-file") + 1));
        assertEquals(
            "orders-db-runner",
            pod.getVolumes().stream()
                .filter(v -> v.getName().equals("db"))
                .findFirst()
                .orElseThrow()
                .getSecret()
                .getSecretName());
        if (hook.equals("none")) {
          assertFalse(args.contains("--git-password-file"), args.toString());
          assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getName().equals("git")));
        } else {
          assertEquals(
              "/etc/schemagate/git/token", args.get(args.indexOf("--git-password-file") + 1));
          assertEquals(
              "shop-git",
              pod.getVolumes().stream()
                  .filter(v -> v.getName().equals("git"))
                  .findFirst()
                  .orElseThrow()
                  .getSecret()
                  .getSecretName());
        }
        // the password never goes into the environment
        assertTrue(
            pod.getContainers().get(0).getEnv().stream()
                .noneMatch(e -> e.getName().equals("PGPASSWORD")));
      }
    }
  }

  private static String env(Deployment d, String name) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .map(e -> e.getValue())
        .orElse(null);
  }
}
