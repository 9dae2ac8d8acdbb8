package dev.schemagate.analyzer.policy;

/**
 * A policy could not be loaded, compiled or evaluated; the message names the policy and the cause.
 */
public class PolicyException extends RuntimeException {
  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
