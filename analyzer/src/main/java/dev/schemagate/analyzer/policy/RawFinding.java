package dev.schemagate.analyzer.policy;

import dev.schemagate.analyzer.check.Severity;

/**
 * A finding as a policy returned it, before waivers and severity overrides are applied.
 *
 * @param statementIndex the index of the statement in the phase file, or null for a file-level
 *     finding
 * @param policy the policy that produced it ({@code bundled} or the user policy's path)
 */
public record RawFinding(
    String rule,
    Severity severity,
    Integer statementIndex,
    String message,
    String hint,
    String policy) {}
