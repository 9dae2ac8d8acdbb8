package dev.schemagate.analyzer.policy;

import com.styra.opa.wasm.OpaPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One compiled Wasm policy and its entry point. {@link OpaPolicy} holds a Wasm instance with
 * mutable memory and is not thread-safe, so each evaluating thread borrows an instance of its own;
 * instances are created on demand and kept for reuse (a CLI run uses exactly one).
 */
final class PolicyModule {
  private final String name;
  private final byte[] wasm;
  private final String entrypoint;
  private final String data;
  private final boolean compiler;
  private final ConcurrentLinkedDeque<OpaPolicy> idle = new ConcurrentLinkedDeque<>();

  PolicyModule(String name, byte[] wasm, String entrypoint, String data, boolean compiler) {
    this.name = name;
    this.wasm = wasm;
    this.entrypoint = entrypoint;
    this.data = data;
    this.compiler = compiler;
    idle.push(instantiate()); // fail at load time, not at the first evaluation
  }

  String name() {
    return name;
  }

  /** Evaluates the entry point on one input (JSON text) and returns OPA's result set as JSON text. */
  String evaluate(String inputJson) {
    OpaPolicy policy = idle.poll();
    if (policy == null) {
      policy = instantiate();
    }
    try {
      String result = policy.evaluate(inputJson);
      idle.push(policy);
      return result;
    } catch (RuntimeException e) {
      // The instance may be in any state after a trap; drop it.
      throw new PolicyException("policy " + name + ": evaluation failed: " + describe(e), e);
    }
  }

  private OpaPolicy instantiate() {
    OpaPolicy policy;
    try {
      OpaPolicy.Builder builder = OpaPolicy.builder().withPolicy(wasm);
      if (!compiler) {
        builder.disableCompiler();
      }
      policy = builder.build();
    } catch (RuntimeException e) {
      throw new PolicyException("policy " + name + ": not a loadable OPA Wasm module: " + describe(e), e);
    }
    Map<String, Integer> entrypoints = policy.entrypoints();
    if (!entrypoints.containsKey(entrypoint)) {
      throw new PolicyException("policy " + name + ": has no entry point " + entrypoint
          + " (it has " + entrypoints.keySet() + "); build it with `opa build -t wasm -e " + entrypoint
          + "` or configure its entry point");
    }
    policy.entrypoint(entrypoint);
    if (data != null) {
      policy.data(data);
    }
    return policy;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
