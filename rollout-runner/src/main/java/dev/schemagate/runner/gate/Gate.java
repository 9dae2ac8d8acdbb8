package dev.schemagate.runner.gate;

/**
 * A condition checked before a phase runs (replication lag, blocked sessions, a custom SQL check,
 * the contract gate). A failing gate halts the rollout with its reason; {@code plan} shows every
 * gate that would hold a phase back.
 */
public interface Gate {

  /** Short stable name used in messages and configuration, e.g. {@code replication-lag}. */
  String name();

  /**
   * Whether this gate has anything to say about the phase (e.g. the contract gate: contracts only).
   */
  boolean appliesTo(GateContext context);

  GateResult check(GateContext context) throws InterruptedException;
}
