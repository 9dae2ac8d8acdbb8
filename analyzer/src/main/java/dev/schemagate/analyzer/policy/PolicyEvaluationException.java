package dev.schemagate.analyzer.policy;

/**
 * A policy failed while evaluating an input (an OPA runtime error such as {@code var assignment
 * conflict}, an abort, a trap), as opposed to a policy that cannot be loaded or returns findings of
 * the wrong shape. Such an error depends on the input, so the engine contains it to the file and
 * statement that cause it ({@link ContainedEvaluation}).
 */
public class PolicyEvaluationException extends PolicyException {
  public PolicyEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
