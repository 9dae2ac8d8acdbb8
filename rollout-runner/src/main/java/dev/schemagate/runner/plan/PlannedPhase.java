package dev.schemagate.runner.plan;

import dev.schemagate.runner.apply.PhaseWork;
import dev.schemagate.runner.gate.GateResult;
import java.util.List;

/**
 * A phase {@code apply} would run next, with the verdict of every gate that applies to it (empty
 * until the gates are asked).
 */
public record PlannedPhase(PhaseWork work, List<GateResult> gates) {

  public PlannedPhase {
    gates = List.copyOf(gates);
  }

  public boolean heldBack() {
    return gates.stream().anyMatch(GateResult::holdsBack);
  }
}
