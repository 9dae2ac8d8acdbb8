package dev.schemagate.contract.window;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one admission request from the workload's {@code schemagate.dev/requires} annotation and
 * the live windows. Pure: no I/O, so a decision never waits on the network.
 */
public final class AdmissionDecider {

  /** Longest warning we send; the API server may truncate single warnings above 256 characters. */
  static final int MAX_WARNING = 256;

  private final EnforcementMode mode;
  private final Set<String> exemptNamespaces;

  public AdmissionDecider(EnforcementMode mode, Set<String> exemptNamespaces) {
    this.mode = Objects.requireNonNull(mode);
    this.exemptNamespaces = Set.copyOf(exemptNamespaces);
  }

  public EnforcementMode mode() {
    return mode;
  }

  /**
   * The verdict for {@code input} given the live windows by track.
   *
   * <p>Dry-run requests ({@code kubectl --dry-run=server}, Argo CD server-side diff) get the same
   * verdict as real ones: the webhook has no side effects, and a dry run exists to show what the
   * real request would meet.
   */
  public Verdict decide(AdmissionInput input, Map<String, CompatibilityWindow> windows) {
    if (!PodTemplates.isWorkload(input.kind())) {
      return allow(
          Reason.NOT_A_WORKLOAD, input.kind() + " is not a workload kind schemagate checks");
    }
    String op = input.operation();
    if (!"CREATE".equals(op) && !"UPDATE".equals(op)) {
      return allow(Reason.NOT_CHECKED_OPERATION, op + " is not checked");
    }
    if (exemptNamespaces.contains(namespaceOf(input))) {
      return allow(Reason.EXEMPT_NAMESPACE, "namespace " + namespaceOf(input) + " is exempt");
    }
    if (input.object() == null || input.object().isNull() || !input.object().isObject()) {
      return deny(Reason.MALFORMED, op + " request without an object to check");
    }
    Optional<String> value;
    try {
      value = PodTemplates.requires(input.kind(), input.object(), Requirement.ANNOTATION);
    } catch (IllegalArgumentException e) {
      return deny(Reason.MALFORMED, e.getMessage());
    }
    if (value.isEmpty()) {
      return allow(Reason.NO_ANNOTATION, "no " + Requirement.ANNOTATION + " annotation");
    }
    List<Requirement> requirements;
    try {
      requirements = Requirement.parseAll(value.get());
    } catch (IllegalArgumentException e) {
      if (unchangedOnUpdate(input, value.get())) {
        return unchanged(value.get(), "invalid " + Requirement.ANNOTATION + " " + e.getMessage());
      }
      String quoted = "\"" + value.get().trim() + "\"";
      String message =
          e.getMessage().startsWith(quoted)
              ? "invalid " + Requirement.ANNOTATION + " " + e.getMessage()
              : "invalid " + Requirement.ANNOTATION + " " + quoted + ": " + e.getMessage();
      return deny(Reason.MALFORMED, message);
    }
    WindowDecision decision = CompatibilityWindow.checkAll(requirements, windows);
    if (decision.allowed()) {
      return allow(Reason.LIVE, decision.message());
    }
    if (unchangedOnUpdate(input, value.get())) {
      return unchanged(value.get(), decision.message());
    }
    return deny(firstDenialReason(requirements, windows), decision.message());
  }

  private static Reason firstDenialReason(
      List<Requirement> requirements, Map<String, CompatibilityWindow> windows) {
    for (Requirement r : requirements) {
      CompatibilityWindow w = windows.get(r.track());
      if (w == null) {
        return Reason.UNKNOWN_TRACK;
      }
      if (!w.check(r).allowed()) {
        return r.version() > w.lastExpanded() ? Reason.ABOVE_WINDOW : Reason.BELOW_WINDOW;
      }
    }
    throw new IllegalStateException("no denied requirement among " + requirements);
  }

  /**
   * An UPDATE that keeps the requirement is scaling, restarting or editing something else: it is
   * never blocked (an incident must not be made worse), but the client hears about the problem.
   */
  private static boolean unchangedOnUpdate(AdmissionInput input, String newValue) {
    if (!"UPDATE".equals(input.operation())) {
      return false;
    }
    Optional<String> old;
    try {
      old = PodTemplates.requires(input.kind(), input.oldObject(), Requirement.ANNOTATION);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (old.isEmpty()) {
      return false;
    }
    if (old.get().trim().equals(newValue.trim())) {
      return true;
    }
    try {
      return Set.copyOf(Requirement.parseAll(old.get()))
          .equals(Set.copyOf(Requirement.parseAll(newValue)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Verdict unchanged(String value, String problem) {
    String warning =
        "schemagate: admitted because " + Requirement.ANNOTATION + " is unchanged, but " + problem;
    return new Verdict(
        true,
        false,
        Reason.UNCHANGED_UPDATE,
        "requirement \"" + value.trim() + "\" unchanged by this update",
        mode == EnforcementMode.DRY_RUN ? List.of() : List.of(cap(warning)),
        audit("allow", Reason.UNCHANGED_UPDATE, problem));
  }

  private Verdict allow(Reason reason, String message) {
    return new Verdict(true, false, reason, message, List.of(), audit("allow", reason, null));
  }

  private Verdict deny(Reason reason, String message) {
    Map<String, String> audit = audit("deny", reason, message);
    return switch (mode) {
      case ENFORCE -> new Verdict(false, true, reason, message, List.of(), audit);
      case WARN ->
          new Verdict(true, true, reason, message, List.of(cap("schemagate: " + message)), audit);
      case DRY_RUN -> new Verdict(true, true, reason, message, List.of(), audit);
    };
  }

  private Map<String, String> audit(String decision, Reason reason, String message) {
    Map<String, String> audit = new LinkedHashMap<>();
    audit.put("decision", decision);
    audit.put("reason", reason.label());
    audit.put("mode", mode.label());
    if (message != null) {
      audit.put("message", message);
    }
    return audit;
  }

  private static String namespaceOf(AdmissionInput input) {
    if (input.namespace() != null && !input.namespace().isEmpty()) {
      return input.namespace();
    }
    if (input.object() != null) {
      return input.object().path("metadata").path("namespace").asText("");
    }
    return "";
  }

  private static String cap(String warning) {
    return warning.length() <= MAX_WARNING ? warning : warning.substring(0, MAX_WARNING - 1) + "…";
  }
}
