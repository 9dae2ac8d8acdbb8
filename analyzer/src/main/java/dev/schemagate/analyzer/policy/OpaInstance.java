package dev.schemagate.analyzer.policy;

import java.util.Map;

/**
 * One instantiated OPA Wasm policy: mutable Wasm memory, so one thread at a time. Two
 * implementations: the OPA Java SDK's {@code OpaPolicy} (any user policy, with the SDK's Java
 * builtins) and {@link CompiledOpaInstance} (the bundled policy, compiled to bytecode at build
 * time).
 */
interface OpaInstance {

  /** Entry point name to id, as the module declares them. */
  Map<String, Integer> entrypoints();

  /**
   * Evaluates entry point {@code entrypoint} on {@code inputJson}; returns OPA's result set as JSON
   * text.
   */
  String evaluate(int entrypoint, String inputJson);
}
