package dev.schemagate.analyzer.policy;

import com.styra.opa.wasm.OpaPolicy;
import java.util.Map;

/**
 * A policy on the OPA Java SDK, which compiles (or interprets) the module at load and provides its
 * Java builtins.
 */
final class SdkOpaInstance implements OpaInstance {
  private final OpaPolicy policy;

  private SdkOpaInstance(OpaPolicy policy) {
    this.policy = policy;
  }

  static SdkOpaInstance load(byte[] wasm, String data, boolean compiler) {
    OpaPolicy.Builder builder = OpaPolicy.builder().withPolicy(wasm);
    if (!compiler) {
      builder.disableCompiler();
    }
    OpaPolicy policy = builder.build();
    if (data != null) {
      policy.data(data);
    }
    return new SdkOpaInstance(policy);
  }

  @Override
  public Map<String, Integer> entrypoints() {
    return policy.entrypoints();
  }

  @Override
  public String evaluate(int entrypoint, String inputJson) {
    policy.entrypoint(entrypoint);
    return policy.evaluate(inputJson);
  }
}
