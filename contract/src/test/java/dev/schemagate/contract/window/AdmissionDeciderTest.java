package dev.schemagate.contract.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionDeciderTest {

  private static final Map<String, CompatibilityWindow> WINDOWS =
      Map.of(
          "orders", new CompatibilityWindow("orders", 4, 7),
          "users", new CompatibilityWindow("users", 0, 3));

  private final AdmissionDecider enforce =
      new AdmissionDecider(EnforcementMode.ENFORCE, Set.of("kube-system", "schemagate"));

  private static AdmissionInput create(String kind, String requires) {
    return new AdmissionInput(
        kind, "CREATE", "shop", false, Reviews.workload(kind, requires), null);
  }

  private static AdmissionInput update(String kind, String oldRequires, String newRequires) {
    return new AdmissionInput(
        kind,
        "UPDATE",
        "shop",
        false,
        Reviews.workload(kind, newRequires),
        Reviews.workload(kind, oldRequires));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "Pod",
        "Rollout"
      })
  void everyWorkloadKindIsReadWhereItKeepsItsPods(String kind) {
    Verdict live = enforce.decide(create(kind, "orders@5"), WINDOWS);
    assertTrue(live.allowed(), live.message());
    assertEquals(Reason.LIVE, live.reason());

    Verdict above = enforce.decide(create(kind, "orders@9"), WINDOWS);
    assertFalse(above.allowed());
    assertEquals(Reason.ABOVE_WINDOW, above.reason());
  }

  @Test
  void noAnnotationIsAllowed() {
    Verdict v = enforce.decide(create("Deployment", null), WINDOWS);
    assertTrue(v.allowed());
    assertEquals(Reason.NO_ANNOTATION, v.reason());
  }

  @Test
  void bothEndsOfTheWindowAreLive() {
    assertTrue(enforce.decide(create("Deployment", "orders@4"), WINDOWS).allowed());
    assertTrue(enforce.decide(create("Deployment", "orders@7"), WINDOWS).allowed());
    assertTrue(enforce.decide(create("Deployment", "users@1, orders@6"), WINDOWS).allowed());
  }

  @Test
  void aboveTheWindowIsDeniedWithWhatToApply() {
    Verdict v = enforce.decide(create("Deployment", "orders@9"), WINDOWS);
    assertFalse(v.allowed());
    assertEquals("orders@9 is not live: live window is 4..7; apply orders@8–9 first", v.message());
    assertEquals("deny", v.auditAnnotations().get("decision"));
    assertEquals("above-window", v.auditAnnotations().get("reason"));
  }

  @Test
  void belowTheWindowIsDeniedBecauseItsColumnsWereContracted() {
    Verdict v = enforce.decide(create("Deployment", "orders@3"), WINDOWS);
    assertFalse(v.allowed());
    assertEquals(Reason.BELOW_WINDOW, v.reason());
    assertTrue(v.message().startsWith("orders@3 is no longer supported"), v.message());
  }

  @Test
  void unknownTrackIsDeniedQuotingIt() {
    Verdict v = enforce.decide(create("Deployment", "billing@2"), WINDOWS);
    assertFalse(v.allowed());
    assertEquals(Reason.UNKNOWN_TRACK, v.reason());
    assertTrue(v.message().contains("\"billing\""), v.message());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders",
        "orders@",
        "orders@x",
        "orders@0",
        "Orders@7",
        "orders@7,,users@1",
        "orders@7, orders@8",
        " "
      })
  void malformedValuesAreDeniedQuotingTheValue(String value) {
    Verdict v = enforce.decide(create("Deployment", value), WINDOWS);
    assertFalse(v.allowed(), value);
    assertEquals(Reason.MALFORMED, v.reason());
    String quoted = value.isBlank() ? "is empty" : value.trim().split(",")[0];
    assertTrue(v.message().contains(quoted), v.message());
  }

  @Test
  void annotationThatIsNotAStringIsMalformed() {
    ObjectNode pod = Reviews.workload("Pod", null);
    ((ObjectNode) pod.path("metadata").path("annotations")).put("schemagate.dev/requires", 7);
    Verdict v =
        enforce.decide(new AdmissionInput("Pod", "CREATE", "shop", false, pod, null), WINDOWS);
    assertFalse(v.allowed());
    assertEquals(Reason.MALFORMED, v.reason());
  }

  @Test
  void createWithoutObjectIsACleanDenial() {
    Verdict v =
        enforce.decide(
            new AdmissionInput("Deployment", "CREATE", "shop", false, null, null), WINDOWS);
    assertFalse(v.allowed());
    assertEquals(Reason.MALFORMED, v.reason());
  }

  @Test
  void updateKeepingAnOutOfWindowRequirementIsAllowedWithAWarning() {
    Verdict v = enforce.decide(update("Deployment", "orders@3", "orders@3"), WINDOWS);
    assertTrue(v.allowed());
    assertEquals(Reason.UNCHANGED_UPDATE, v.reason());
    assertEquals(1, v.warnings().size());
    assertTrue(
        v.warnings().get(0).contains("orders@3 is no longer supported"), v.warnings().get(0));

    Verdict reordered =
        enforce.decide(update("Deployment", "users@9, orders@9", "orders@9,users@9"), WINDOWS);
    assertTrue(reordered.allowed());
    assertEquals(Reason.UNCHANGED_UPDATE, reordered.reason());
  }

  @Test
  void updateChangingTheRequirementIsChecked() {
    Verdict v = enforce.decide(update("Deployment", "orders@7", "orders@9"), WINDOWS);
    assertFalse(v.allowed());
    assertEquals(Reason.ABOVE_WINDOW, v.reason());

    Verdict added = enforce.decide(update("Deployment", null, "orders@9"), WINDOWS);
    assertFalse(added.allowed());
  }

  @Test
  void exemptNamespacesAreNotChecked() {
    AdmissionInput input =
        new AdmissionInput(
            "Deployment",
            "CREATE",
            "kube-system",
            false,
            Reviews.workload("Deployment", "orders@99"),
            null);
    Verdict v = enforce.decide(input, WINDOWS);
    assertTrue(v.allowed());
    assertEquals(Reason.EXEMPT_NAMESPACE, v.reason());
  }

  @Test
  void dryRunRequestsGetTheVerdictTheRealRequestWould() {
    JsonNode d = Reviews.workload("Deployment", "orders@9");
    Verdict dry =
        enforce.decide(new AdmissionInput("Deployment", "CREATE", "shop", true, d, null), WINDOWS);
    Verdict real =
        enforce.decide(new AdmissionInput("Deployment", "CREATE", "shop", false, d, null), WINDOWS);
    assertEquals(real, dry);
  }

  @Test
  void deleteAndOtherKindsAreNotChecked() {
    JsonNode d = Reviews.workload("Deployment", "orders@99");
    assertEquals(
        Reason.NOT_CHECKED_OPERATION,
        enforce
            .decide(new AdmissionInput("Deployment", "DELETE", "shop", false, null, d), WINDOWS)
            .reason());
    assertEquals(
        Reason.NOT_A_WORKLOAD,
        enforce
            .decide(new AdmissionInput("ConfigMap", "CREATE", "shop", false, d, null), WINDOWS)
            .reason());
  }

  @Test
  void warnModeAdmitsWithTheDenialAsAWarning() {
    AdmissionDecider warn = new AdmissionDecider(EnforcementMode.WARN, Set.of());
    Verdict v = warn.decide(create("Deployment", "orders@9"), WINDOWS);
    assertTrue(v.allowed());
    assertTrue(v.denied());
    assertEquals(
        List.of("schemagate: orders@9 is not live: live window is 4..7; apply orders@8–9 first"),
        v.warnings());
    assertEquals("warn", v.auditAnnotations().get("mode"));
  }

  @Test
  void dryRunModeAdmitsAndOnlyAudits() {
    AdmissionDecider dryRun = new AdmissionDecider(EnforcementMode.DRY_RUN, Set.of());
    Verdict v = dryRun.decide(create("Deployment", "orders@3"), WINDOWS);
    assertTrue(v.allowed());
    assertTrue(v.denied());
    assertEquals(List.of(), v.warnings());
    assertEquals("deny", v.auditAnnotations().get("decision"));
    assertEquals("below-window", v.auditAnnotations().get("reason"));
  }

  @Test
  void warningsStayWithinWhatTheApiServerKeeps() {
    AdmissionDecider warn = new AdmissionDecider(EnforcementMode.WARN, Set.of());
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      many.append(i == 0 ? "" : ",")
          .append("track")
          .append((char) ('a' + i % 26))
          .append(i)
          .append("@1");
    }
    Verdict v = warn.decide(create("Deployment", many.toString()), WINDOWS);
    assertTrue(v.warnings().get(0).length() <= AdmissionDecider.MAX_WARNING);
  }

  @Test
  void modesParseTheirConfigurationSpelling() {
    assertEquals(EnforcementMode.DRY_RUN, EnforcementMode.parse("dry-run"));
    assertEquals(EnforcementMode.WARN, EnforcementMode.parse(" Warn "));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> EnforcementMode.parse("audit"));
    assertTrue(e.getMessage().contains("\"audit\""));
  }
}
