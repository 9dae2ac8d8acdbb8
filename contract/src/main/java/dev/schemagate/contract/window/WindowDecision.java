package dev.schemagate.contract.window;

/**
 * Whether a workload may run against the current schema, with the reason in one sentence.
 *
 * @param allowed true when every requirement is inside its track's live window
 * @param message why (for a denial, what to do)
 */
public record WindowDecision(boolean allowed, String message) {

  static WindowDecision allow(String message) {
    return new WindowDecision(true, message);
  }

  static WindowDecision deny(String message) {
    return new WindowDecision(false, message);
  }
}
