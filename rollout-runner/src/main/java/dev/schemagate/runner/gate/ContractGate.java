package dev.schemagate.runner.gate;

import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.runner.kube.ClusterAccess;
import dev.schemagate.runner.kube.ClusterUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Keeps destructive changes away from code that still needs the old shape, by reading what the
 * running pods declare in {@code schemagate.dev/requires}.
 *
 * <ul>
 *   <li>{@link Mode#CONTRACT}: the contract of {@code track@N} passes only when no running pod
 *       requires {@code track} at a version below N (those pods still use what the contract drops).
 *   <li>{@link Mode#ROLLBACK}: the rollback of {@code track@N} (undoing its expand) passes only
 *       when no running pod requires {@code track} at N or above (those pods use what the rollback
 *       drops).
 * </ul>
 *
 * <p>When the pods cannot be read (no kubeconfig, API server unreachable, request forbidden) the
 * gate fails, unless the operator gave an override reason: then it returns {@code OVERRIDDEN} and
 * the runner records the reason in the history ({@code contract_override}). An override never lets
 * a contract past pods that are known to require the old version: those must be updated or scaled
 * down first.
 */
public final class ContractGate implements Gate {

  /** Which operation the gate guards. */
  public enum Mode {
    CONTRACT("contract"),
    ROLLBACK("rollback");

    private final String gateName;

    Mode(String gateName) {
      this.gateName = gateName;
    }
  }

  /** Pods named in a failure message; the rest are counted. */
  static final int LISTED = 10;

  private final Mode mode;
  private final ClusterAccess access;
  private final List<String> namespaces;
  private final Optional<String> override;

  /**
   * @param namespaces where pods are read; empty: all namespaces
   * @param override the operator's reason to proceed without the cluster check; must not be blank
   */
  public ContractGate(
      Mode mode, ClusterAccess access, List<String> namespaces, Optional<String> override) {
    if (override.isPresent() && override.get().isBlank()) {
      throw new IllegalArgumentException(
          "an override of the " + mode.gateName + " gate needs a reason, got an empty one");
    }
    this.mode = mode;
    this.access = access;
    this.namespaces = List.copyOf(namespaces);
    this.override = override.map(String::strip);
  }

  public static ContractGate forContracts(
      ContractGateSettings settings, Optional<String> override) {
    return new ContractGate(Mode.CONTRACT, settings.access(), settings.namespaces(), override);
  }

  public static ContractGate forRollbacks(
      ContractGateSettings settings, Optional<String> override) {
    return new ContractGate(Mode.ROLLBACK, settings.access(), settings.namespaces(), override);
  }

  public Mode mode() {
    return mode;
  }

  /** The operator's override reason, as given. */
  public Optional<String> override() {
    return override;
  }

  @Override
  public String name() {
    return mode.gateName;
  }

  /**
   * Contract mode: contract phases. Rollback mode: a version's {@code rollback.sql} (the context's
   * {@code version} is the version rolled back, {@code rollback} is set).
   */
  @Override
  public boolean appliesTo(GateContext context) {
    return mode == Mode.ROLLBACK
        ? context.rollback()
        : !context.rollback() && context.phase() == PhaseKind.CONTRACT;
  }

  @Override
  public GateResult check(GateContext context) {
    String track = context.track();
    int version = context.version();
    String operation =
        (mode == Mode.CONTRACT ? "contract of " : "rollback of ") + track + "@" + version;
    RunningPods.Reading reading;
    try (KubernetesClient client = access.connect()) {
      reading = RunningPods.read(client, namespaces, track);
    } catch (ClusterUnavailableException e) {
      return unchecked(operation, e.getMessage());
    } catch (RunningPods.ListFailure e) {
      String where = e.namespace == null ? "" : " in namespace " + e.namespace;
      return unchecked(
          operation,
          "cannot list pods"
              + where
              + " via "
              + access.describe()
              + ": "
              + ClusterAccess.explain(e.failure));
    } catch (KubernetesClientException e) {
      return unchecked(
          operation,
          "cannot use the Kubernetes API via "
              + access.describe()
              + ": "
              + ClusterAccess.explain(e));
    }

    Predicate<RunningPods.Holder> blocks =
        mode == Mode.CONTRACT
            ? h -> h.requirement().version() < version
            : h -> h.requirement().version() >= version;
    List<RunningPods.Holder> blocking = reading.holders().stream().filter(blocks).toList();
    String scope =
        namespaces.isEmpty() ? "all namespaces" : "namespace(s) " + String.join(", ", namespaces);
    String needs =
        mode == Mode.CONTRACT ? track + " below " + version : track + "@" + version + " or above";

    if (!reading.unreadable().isEmpty()) {
      return GateResult.failed(
          name(),
          operation
              + " held back: cannot tell whether these running pods require "
              + needs
              + ": "
              + list(reading.unreadable().stream().map(RunningPods.Unreadable::describe).toList()));
    }
    if (!blocking.isEmpty()) {
      String what =
          mode == Mode.CONTRACT
              ? "; they still use what the contract removes: roll them forward or scale them down first"
              : "; they use what the rollback removes: roll them back below the version or scale them down first";
      return GateResult.failed(
          name(),
          operation
              + (mode == Mode.CONTRACT ? " held back: " : " refused: ")
              + blocking.size()
              + " running pod(s) require "
              + needs
              + ": "
              + list(blocking.stream().map(RunningPods.Holder::describe).toList())
              + what);
    }
    String summary =
        reading.holders().isEmpty()
            ? "none requires " + track
            : reading.holders().size()
                + " require "
                + track
                + " ("
                + reading.holders().stream()
                    .map(h -> h.requirement().version())
                    .distinct()
                    .sorted()
                    .map(v -> track + "@" + v)
                    .collect(Collectors.joining(", "))
                + ")";
    return GateResult.passed(
        name(),
        "no running pod requires "
            + needs
            + " ("
            + reading.podsRead()
            + " running pod(s) read in "
            + scope
            + "; "
            + summary
            + ")");
  }

  private GateResult unchecked(String operation, String cause) {
    if (override.isPresent()) {
      return GateResult.overridden(
          name(),
          "overridden by the operator: \""
              + override.get()
              + "\" (running pods not checked: "
              + cause
              + ")");
    }
    return GateResult.failed(
        name(),
        operation
            + " refused: running pods cannot be checked: "
            + cause
            + "; to proceed anyway, pass --override-contract-gate \"<reason>\" (recorded in the history)");
  }

  private static String list(List<String> items) {
    List<String> shown = items.subList(0, Math.min(LISTED, items.size()));
    return String.join(", ", shown)
        + (items.size() > LISTED ? " and " + (items.size() - LISTED) + " more" : "");
  }
}
