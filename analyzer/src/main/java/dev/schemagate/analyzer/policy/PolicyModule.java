package dev.schemagate.analyzer.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * One Wasm policy and its entry point. An {@link OpaInstance} holds a Wasm instance with mutable
 * memory and is not thread-safe, so each evaluating thread borrows an instance of its own;
 * instances are created on demand and kept for reuse (a CLI run on a large batch uses one per
 * evaluating thread, see {@link PolicyEngine#evaluateAll}).
 */
final class PolicyModule {
  private final String name;
  private final String entrypoint;
  private final Supplier<OpaInstance> factory;
  private final ConcurrentLinkedDeque<OpaInstance> idle = new ConcurrentLinkedDeque<>();
  private final boolean batch;
  private final boolean cheapInstances;
  // Entry point ids are fixed by the module; selecting by id avoids a lookup per evaluation.
  private final int mainId;
  private final int batchId;

  /**
   * A policy on the OPA Java SDK ({@code compiler}: Chicory compiles the module at load instead of
   * interpreting it).
   */
  static PolicyModule onSdk(
      String name, byte[] wasm, String entrypoint, String data, boolean compiler) {
    return new PolicyModule(
        name, entrypoint, () -> SdkOpaInstance.load(wasm, data, compiler), false);
  }

  /** The bundled policy on its build-time compiled bytecode. */
  static PolicyModule bundledCompiled(String name, String entrypoint, String data) {
    return new PolicyModule(name, entrypoint, () -> CompiledOpaInstance.bundled(data), true);
  }

  private PolicyModule(
      String name, String entrypoint, Supplier<OpaInstance> factory, boolean cheapInstances) {
    this.name = name;
    this.cheapInstances = cheapInstances;
    this.entrypoint = entrypoint;
    this.factory = factory;
    OpaInstance first = instantiate(); // fail at load time, not at the first evaluation
    // Only a module built for the default entry point has the batch one with the same meaning.
    Map<String, Integer> ids = first.entrypoints();
    this.mainId = ids.get(entrypoint);
    this.batch =
        entrypoint.equals(PolicySource.ENTRYPOINT)
            && ids.containsKey(PolicySource.BATCH_ENTRYPOINT);
    this.batchId = batch ? ids.get(PolicySource.BATCH_ENTRYPOINT) : -1;
    idle.push(first);
  }

  /**
   * Whether {@link #evaluateBatch} is available (the module has {@value
   * PolicySource#BATCH_ENTRYPOINT}).
   */
  boolean batch() {
    return batch;
  }

  /**
   * Whether a further instance costs little (the build-time compiled module: only its memory is set
   * up), so evaluating on several threads at once pays off. An SDK instance compiles the module
   * again (about a second of CPU), so those evaluate on one thread.
   */
  boolean cheapInstances() {
    return cheapInstances;
  }

  String name() {
    return name;
  }

  /**
   * Evaluates the entry point on one input (JSON text) and returns OPA's result set as JSON text.
   */
  String evaluate(String inputJson) {
    return evaluate(mainId, inputJson);
  }

  /**
   * Evaluates {@value PolicySource#BATCH_ENTRYPOINT} on {@code {"files": [...]}} (JSON text) and
   * returns OPA's result set as JSON text; only when {@link #batch()}.
   */
  String evaluateBatch(String filesJson) {
    if (!batch) {
      throw new IllegalStateException(
          "policy " + name + " has no " + PolicySource.BATCH_ENTRYPOINT);
    }
    return evaluate(batchId, filesJson);
  }

  private String evaluate(int entry, String inputJson) {
    OpaInstance policy = idle.poll();
    if (policy == null) {
      policy = instantiate();
    }
    try {
      String result = policy.evaluate(entry, inputJson);
      idle.push(policy);
      return result;
    } catch (RuntimeException e) {
      // The instance may be in any state after a trap; drop it.
      throw new PolicyEvaluationException(
          "policy " + name + ": evaluation failed: " + describe(e), e);
    }
  }

  private OpaInstance instantiate() {
    OpaInstance policy;
    try {
      policy = factory.get();
    } catch (PolicyException e) {
      throw new PolicyException("policy " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PolicyException(
          "policy " + name + ": not a loadable OPA Wasm module: " + describe(e), e);
    }
    Map<String, Integer> entrypoints = policy.entrypoints();
    if (!entrypoints.containsKey(entrypoint)) {
      throw new PolicyException(
          "policy "
              + name
              + ": has no entry point "
              + entrypoint
              + " (it has "
              + entrypoints.keySet()
              + "); build it with `opa build -t wasm -e "
              + entrypoint
              + "` or configure its entry point");
    }
    return policy;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
