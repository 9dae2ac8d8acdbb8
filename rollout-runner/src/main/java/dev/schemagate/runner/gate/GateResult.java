package dev.schemagate.runner.gate;

/**
 * A gate's verdict. {@code OVERRIDDEN} means the gate would have failed (or could not be checked)
 * and the operator passed an explicit override; the runner records {@code reason} in the history.
 */
public record GateResult(String gate, Status status, String reason) {

  public enum Status {
    PASSED,
    FAILED,
    OVERRIDDEN
  }

  public static GateResult passed(String gate, String reason) {
    return new GateResult(gate, Status.PASSED, reason);
  }

  public static GateResult failed(String gate, String reason) {
    return new GateResult(gate, Status.FAILED, reason);
  }

  public static GateResult overridden(String gate, String reason) {
    return new GateResult(gate, Status.OVERRIDDEN, reason);
  }

  public boolean holdsBack() {
    return status == Status.FAILED;
  }
}
