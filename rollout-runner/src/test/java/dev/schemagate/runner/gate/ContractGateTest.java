package dev.schemagate.runner.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.kube.ClusterAccess;
import dev.schemagate.runner.kube.KubeApiServerSupport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract and rollback gates against a real kube-apiserver: pods created through the API
 * server with {@code schemagate.dev/requires} annotations, some ended, one terminating, in several
 * namespaces; and kubeconfigs that cannot read them.
 */
class ContractGateTest {

  private static final String HOLD = "schemagate.dev/test-hold";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static KubeApiServerSupport kube;
  private static KubernetesClient admin;
  private static Path tokenKubeconfig;

  @BeforeAll
  static void pods() throws Exception {
    kube = KubeApiServerSupport.get();
    admin = kube.client();
    for (String ns : List.of("shop", "billing", "legacy", "misc")) {
      kube.namespace(ns);
    }
    pod("shop", "api-v5", "orders@5");
    pod("shop", "worker-v4", "users@2, orders@4");
    pod("shop", "plain", null);
    pod("shop", "other-track-typo", "users@x, orders@6"); // the bad entry is not about orders
    ended("billing", "report-v3", "orders@3", "Succeeded");
    ended("billing", "job-v2", "orders@2", "Failed");
    terminating("shop", "old-api-v1", "orders@1");
    pod("legacy", "legacy-v3", "orders@3");
    pod("misc", "bad-annotation", "payments@seven");

    // A service account the tests give chosen rights: pods list in shop only.
    admin
        .serviceAccounts()
        .inNamespace("shop")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("runner")
                .withNamespace("shop")
                .endMetadata()
                .build())
        .create();
    String token =
        admin
            .serviceAccounts()
            .inNamespace("shop")
            .withName("runner")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    tokenKubeconfig = kubeconfigWithToken("runner-token", token);
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("pods-reader")
                .withNamespace("shop")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("list")
                .endRule()
                .build())
        .create();
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("runner-pods-reader")
                .withNamespace("shop")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("pods-reader")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("runner")
                .withNamespace("shop")
                .endSubject()
                .build())
        .create();
  }

  @AfterAll
  static void release() {
    // Lets the terminating pod go, so the shared API server is not left with a stuck object.
    Pod p = admin.pods().inNamespace("shop").withName("old-api-v1").get();
    if (p != null) {
      p.getMetadata().setFinalizers(new ArrayList<>());
      admin.pods().inNamespace("shop").resource(p).update();
    }
    admin.close();
  }

  private static Pod pod(String ns, String name, String requires) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.invalid/" + name + ":1")
            .endContainer()
            .endSpec();
    if (requires != null) {
      b.editMetadata().addToAnnotations("schemagate.dev/requires", requires).endMetadata();
    }
    return admin.resource(b.build()).create();
  }

  private static void ended(String ns, String name, String requires, String phase) {
    Pod p = pod(ns, name, requires);
    p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase).build());
    Pod updated = admin.pods().inNamespace(ns).resource(p).updateStatus();
    assertEquals(phase, updated.getStatus().getPhase());
  }

  private static void terminating(String ns, String name, String requires) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withFinalizers(HOLD)
            .addToAnnotations("schemagate.dev/requires", requires)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.invalid/" + name + ":1")
            .endContainer()
            .endSpec();
    admin.resource(b.build()).create();
    admin.pods().inNamespace(ns).withName(name).delete();
    Pod p = admin.pods().inNamespace(ns).withName(name).get();
    assertTrue(
        p != null && p.getMetadata().getDeletionTimestamp() != null,
        "the finalizer keeps the pod, terminating");
  }

  /** A kubeconfig for the test API server that authenticates with a bearer token. */
  private static Path kubeconfigWithToken(String name, String token) throws IOException {
    Config c = Config.fromKubeconfig(kube.kubeConfigYaml());
    String ca =
        c.getCaCertData() != null
            ? c.getCaCertData()
            : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(c.getCaCertFile())));
    return writeKubeconfig(name, c.getMasterUrl(), ca, token);
  }

  private static Path writeKubeconfig(String name, String server, String caData, String token)
      throws IOException {
    Path file = kube.tmp().resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "%s", certificate-authority-data: "%s"}
        users:
        - name: user
          user: {token: "%s"}
        contexts:
        - name: test
          context: {cluster: test, user: user}
        current-context: test
        """
            .formatted(server, caData, token));
    return file;
  }

  private static ContractGate gate(
      ContractGate.Mode mode, List<String> namespaces, Optional<String> override) {
    return gate(
        mode,
        new ClusterAccess(Optional.of(kube.kubeconfig()), Optional.empty(), TIMEOUT),
        namespaces,
        override);
  }

  private static ContractGate gate(
      ContractGate.Mode mode,
      ClusterAccess access,
      List<String> namespaces,
      Optional<String> override) {
    return new ContractGate(mode, access, namespaces, override);
  }

  private static GateResult contract(String track, int version, List<String> namespaces) {
    return gate(ContractGate.Mode.CONTRACT, namespaces, Optional.empty())
        .check(context(track, version, PhaseKind.CONTRACT));
  }

  private static GateContext context(String track, int version, PhaseKind phase) {
    return new GateContext(null, track, version, phase, Set.of());
  }

  private static GateContext rollbackOf(String track, int version) {
    return new GateContext(null, track, version, PhaseKind.EXPAND, Set.of(), true);
  }

  @Test
  void aRunningPodRequiringAnOlderVersionHoldsTheContractBack() {
    GateResult r = contract("orders", 5, List.of("shop", "billing"));
    assertEquals(GateResult.Status.FAILED, r.status(), r.reason());
    assertEquals("contract", r.gate());
    assertEquals(
        "contract of orders@5 held back: 1 running pod(s) require orders below 5: shop/worker-v4 (orders@4); "
            + "they still use what the contract removes: roll them forward or scale them down first",
        r.reason());
  }

  @Test
  void podsRequiringTheContractedVersionOrAboveLetItPass() {
    GateResult r = contract("orders", 4, List.of("shop", "billing"));
    assertEquals(GateResult.Status.PASSED, r.status(), r.reason());
    // 4 running pods in shop (the terminating one is not), none in billing (both ended).
    assertEquals(
        "no running pod requires orders below 4 (4 running pod(s) read in namespace(s) shop, billing; "
            + "3 require orders (orders@4, orders@5, orders@6))",
        r.reason());
  }

  @Test
  void endedAndTerminatingPodsAreNotRunning() {
    // Below 4 are required only by the succeeded (orders@3), failed (orders@2) and terminating
    // (orders@1) pods.
    assertEquals(
        GateResult.Status.PASSED, contract("orders", 4, List.of("shop", "billing")).status());
    // ... and they would have counted: the same version against a running orders@3 pod fails.
    assertEquals(GateResult.Status.FAILED, contract("orders", 4, List.of("legacy")).status());
  }

  @Test
  void onlyTheConfiguredNamespacesAreRead() {
    assertEquals(GateResult.Status.PASSED, contract("orders", 4, List.of("shop")).status());
    GateResult everywhere = contract("orders", 4, List.of());
    assertEquals(GateResult.Status.FAILED, everywhere.status(), everywhere.reason());
    assertTrue(
        everywhere
            .reason()
            .startsWith(
                "contract of orders@4 held back: 1 running pod(s) require orders below 4: legacy/legacy-v3 (orders@3)"),
        everywhere.reason());
    GateResult passedEverywhere = contract("orders", 3, List.of());
    assertEquals(GateResult.Status.PASSED, passedEverywhere.status(), passedEverywhere.reason());
    assertTrue(
        passedEverywhere.reason().contains("read in all namespaces"), passedEverywhere.reason());
  }

  @Test
  void anUnreadableRequirementThatMayConcernTheTrackHoldsTheContractBack() {
    GateResult r = contract("payments", 2, List.of("misc"));
    assertEquals(GateResult.Status.FAILED, r.status(), r.reason());
    assertEquals(
        "contract of payments@2 held back: cannot tell whether these running pods require payments below 2: "
            + "misc/bad-annotation carries an unreadable schemagate.dev/requires entry: \"payments@seven\": version must be a positive integer",
        r.reason());
    assertEquals(GateResult.Status.PASSED, contract("orders", 9, List.of("misc")).status());
  }

  @Test
  void rollbackIsRefusedWhileARunningPodRequiresTheVersionOrAbove() {
    ContractGate rollback = gate(ContractGate.Mode.ROLLBACK, List.of("shop"), Optional.empty());
    assertEquals("rollback", rollback.name());
    assertTrue(rollback.appliesTo(rollbackOf("orders", 6)));
    assertTrue(
        !rollback.appliesTo(context("orders", 6, PhaseKind.EXPAND)),
        "an expand going forward is no rollback");
    GateResult r = rollback.check(context("orders", 5, PhaseKind.EXPAND));
    assertEquals(GateResult.Status.FAILED, r.status(), r.reason());
    assertEquals(
        "rollback of orders@5 refused: 2 running pod(s) require orders@5 or above: shop/api-v5 (orders@5), "
            + "shop/other-track-typo (orders@6); they use what the rollback removes: roll them back below the version or scale them down first",
        r.reason());
    assertEquals(
        GateResult.Status.PASSED, rollback.check(context("orders", 7, PhaseKind.EXPAND)).status());
  }

  @Test
  void theContractGateAppliesToContractsOnly() {
    ContractGate g = gate(ContractGate.Mode.CONTRACT, List.of("shop"), Optional.empty());
    assertTrue(g.appliesTo(context("orders", 5, PhaseKind.CONTRACT)));
    assertTrue(!g.appliesTo(context("orders", 5, PhaseKind.EXPAND)));
    assertTrue(!g.appliesTo(context("orders", 5, PhaseKind.BACKFILL)));
    assertTrue(!g.appliesTo(rollbackOf("orders", 5)));
  }

  @Test
  void forbiddenFailsNamingTheNamespaceUnlessOverridden() throws Exception {
    ClusterAccess runner =
        new ClusterAccess(Optional.of(tokenKubeconfig), Optional.empty(), TIMEOUT);
    GateResult allowed =
        gate(ContractGate.Mode.CONTRACT, runner, List.of("shop"), Optional.empty())
            .check(context("orders", 4, PhaseKind.CONTRACT));
    assertEquals(GateResult.Status.PASSED, allowed.status(), allowed.reason());

    GateResult forbidden =
        gate(ContractGate.Mode.CONTRACT, runner, List.of("shop", "billing"), Optional.empty())
            .check(context("orders", 4, PhaseKind.CONTRACT));
    assertEquals(GateResult.Status.FAILED, forbidden.status(), forbidden.reason());
    assertTrue(
        forbidden
            .reason()
            .startsWith(
                "contract of orders@4 refused: running pods cannot be checked: cannot list pods in namespace billing via "
                    + tokenKubeconfig
                    + ": forbidden (403): pods is forbidden: User \"system:serviceaccount:shop:runner\" cannot list resource \"pods\""),
        forbidden.reason());
    assertTrue(
        forbidden
            .reason()
            .endsWith(
                "; to proceed anyway, pass --override-contract-gate \"<reason>\" (recorded in the history)"),
        forbidden.reason());

    GateResult overridden =
        gate(
                ContractGate.Mode.CONTRACT,
                runner,
                List.of(),
                Optional.of("billing has no pods using orders (checked by hand, INC-42)"))
            .check(context("orders", 4, PhaseKind.CONTRACT));
    assertEquals(GateResult.Status.OVERRIDDEN, overridden.status(), overridden.reason());
    assertTrue(
        overridden
            .reason()
            .startsWith(
                "overridden by the operator: \"billing has no pods using orders (checked by hand, INC-42)\" "
                    + "(running pods not checked: cannot list pods via "
                    + tokenKubeconfig
                    + ": forbidden (403): "),
        overridden.reason());
  }

  @Test
  void anUnreachableApiServerFailsWithReasonUnlessOverridden() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Config c = Config.fromKubeconfig(kube.kubeConfigYaml());
    String ca =
        c.getCaCertData() != null
            ? c.getCaCertData()
            : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(c.getCaCertFile())));
    Path kubeconfig = writeKubeconfig("unreachable", "https://127.0.0.1:" + closed, ca, "no-token");
    ClusterAccess access =
        new ClusterAccess(Optional.of(kubeconfig), Optional.empty(), Duration.ofSeconds(2));

    long start = System.nanoTime();
    GateResult r =
        gate(ContractGate.Mode.CONTRACT, access, List.of("shop"), Optional.empty())
            .check(context("orders", 4, PhaseKind.CONTRACT));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(GateResult.Status.FAILED, r.status(), r.reason());
    assertTrue(
        r.reason()
            .startsWith(
                "contract of orders@4 refused: running pods cannot be checked: cannot list pods in namespace shop via "
                    + kubeconfig
                    + ": API server unreachable: "),
        r.reason());
    assertTrue(ms < 20_000, "took " + ms + " ms");

    GateResult o =
        gate(
                ContractGate.Mode.ROLLBACK,
                access,
                List.of("shop"),
                Optional.of("API server down, INC-7"))
            .check(context("orders", 4, PhaseKind.EXPAND));
    assertEquals(GateResult.Status.OVERRIDDEN, o.status(), o.reason());
    assertTrue(
        o.reason()
            .startsWith(
                "overridden by the operator: \"API server down, INC-7\" (running pods not checked: "),
        o.reason());
  }

  @Test
  void withoutAnyKubeconfigTheGateFailsUnlessOverridden() throws Exception {
    Path home = Files.createTempDirectory("schemagate-no-kube-home");
    ClusterAccess nothing =
        new ClusterAccess(Optional.empty(), Optional.empty(), TIMEOUT, Map.of(), home);
    GateResult r =
        gate(ContractGate.Mode.CONTRACT, nothing, List.of("shop"), Optional.empty())
            .check(context("orders", 3, PhaseKind.CONTRACT));
    assertEquals(GateResult.Status.FAILED, r.status());
    assertEquals(
        "contract of orders@3 refused: running pods cannot be checked: no cluster access: no kubeconfig "
            + "(rollout.contract_gate.kubeconfig, $KUBECONFIG, "
            + home.resolve(".kube/config")
            + ") and not running in a pod with a service account; "
            + "to proceed anyway, pass --override-contract-gate \"<reason>\" (recorded in the history)",
        r.reason());

    GateResult o =
        gate(
                ContractGate.Mode.CONTRACT,
                nothing,
                List.of("shop"),
                Optional.of("  VM deployment, no Kubernetes  "))
            .check(context("orders", 3, PhaseKind.CONTRACT));
    assertEquals(GateResult.Status.OVERRIDDEN, o.status());
    assertEquals(
        "overridden by the operator: \"VM deployment, no Kubernetes\" (running pods not checked: no cluster access: no kubeconfig "
            + "(rollout.contract_gate.kubeconfig, $KUBECONFIG, "
            + home.resolve(".kube/config")
            + ") and not running in a pod with a service account)",
        o.reason());

    ClusterAccess missingFile =
        new ClusterAccess(Optional.of(home.resolve("absent.yaml")), Optional.empty(), TIMEOUT);
    assertEquals(
        "contract of orders@3 refused: running pods cannot be checked: kubeconfig "
            + home.resolve("absent.yaml")
            + " does not exist or is not readable; to proceed anyway, pass --override-contract-gate \"<reason>\" (recorded in the history)",
        gate(ContractGate.Mode.CONTRACT, missingFile, List.of(), Optional.empty())
            .check(context("orders", 3, PhaseKind.CONTRACT))
            .reason());

    ClusterAccess fromEnv =
        new ClusterAccess(
            Optional.empty(),
            Optional.empty(),
            TIMEOUT,
            Map.of("KUBECONFIG", kube.kubeconfig().toString()),
            home);
    assertEquals(
        GateResult.Status.PASSED,
        gate(ContractGate.Mode.CONTRACT, fromEnv, List.of("shop"), Optional.empty())
            .check(context("orders", 4, PhaseKind.CONTRACT))
            .status());
  }

  @Test
  void anOverrideNeedsAReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> gate(ContractGate.Mode.CONTRACT, List.of(), Optional.of("  ")));
    assertEquals(
        "an override of the contract gate needs a reason, got an empty one", e.getMessage());
  }
}
