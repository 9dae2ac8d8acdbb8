package dev.schemagate.contract.window;

import java.util.List;
import java.util.Map;

/**
 * The answer to one admission request, before it is written as an {@code AdmissionResponse}.
 *
 * @param allowed what the API server is told
 * @param denied whether the requirement check itself failed (true also when a soft mode admits)
 * @param reason why, for metrics and audit
 * @param message the sentence for the user (the denial message when {@code allowed} is false)
 * @param warnings sent back to the client as HTTP warnings
 * @param auditAnnotations added to the API server's audit event
 */
public record Verdict(
    boolean allowed,
    boolean denied,
    Reason reason,
    String message,
    List<String> warnings,
    Map<String, String> auditAnnotations) {

  public Verdict {
    warnings = List.copyOf(warnings);
    auditAnnotations = Map.copyOf(auditAnnotations);
  }
}
