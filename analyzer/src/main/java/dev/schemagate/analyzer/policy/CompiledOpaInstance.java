package dev.schemagate.analyzer.policy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled policy run through OPA's Wasm ABI (https://www.openpolicyagent.org/docs/wasm) on the
 * bytecode that Chicory's Maven plugin compiled from {@code policy.wasm} at build time ({@code
 * BundledPolicyWasm}). The OPA Java SDK compiles the module again in every JVM (about a second of
 * CPU) and offers no way to hand it a precompiled one, hence this small host.
 *
 * <p>It implements the parts of the ABI the bundled policy needs: {@code opa_eval} (ABI 1.2 "fast
 * path", one call per evaluation), the memory import, {@code opa_abort} and {@code opa_println}. It
 * provides no host builtins: the bundled rules use only builtins OPA compiles into the module, and
 * a module that asks for others is refused at load (a test keeps it so).
 */
final class CompiledOpaInstance implements OpaInstance {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 65536;

  private final Memory memory;
  private final ExportFunction eval;
  private final ExportFunction heapSet;
  private final ExportFunction heapGet;
  private final Map<String, Integer> entrypoints;
  private final int data;
  // Everything past this address is scratch: input, evaluation heap and result of one evaluation.
  private final int scratch;

  private CompiledOpaInstance(Instance instance, String dataJson) {
    this.memory = instance.memory();
    this.eval = instance.export("opa_eval");
    this.heapSet = instance.export("opa_heap_ptr_set");
    this.heapGet = instance.export("opa_heap_ptr_get");
    ExportFunction dump = instance.export("opa_json_dump");
    this.entrypoints = ids(readJson(dump.apply(instance.export("entrypoints").apply()[0])[0]));
    Map<String, Integer> builtins =
        ids(readJson(dump.apply(instance.export("builtins").apply()[0])[0]));
    if (!builtins.isEmpty()) {
      throw new PolicyException(
          "the bundled policy calls builtins that OPA does not compile into Wasm "
              + builtins.keySet()
              + "; keep policy/ to natively compiled builtins (docs/policy-engine.md)");
    }
    byte[] d = (dataJson == null ? "{}" : dataJson).getBytes(StandardCharsets.UTF_8);
    int at = (int) instance.export("opa_malloc").apply(d.length)[0];
    memory.write(at, d);
    this.data = (int) instance.export("opa_json_parse").apply(at, d.length)[0];
    if (data == 0) {
      throw new PolicyException("the bundled policy's data document is not valid JSON");
    }
    this.scratch = (int) instance.export("opa_heap_ptr_get").apply()[0];
  }

  /** Instantiates the build-time compiled bundled policy. */
  static CompiledOpaInstance bundled(String dataJson) {
    WasmModule module = BundledPolicyWasm.load();
    MemoryLimits limits =
        module.importSection().stream()
            .filter(i -> i instanceof MemoryImport)
            .map(i -> ((MemoryImport) i).limits())
            .findFirst()
            .orElseThrow(
                () ->
                    new PolicyException(
                        "the bundled policy imports no memory: not an OPA Wasm module"));
    ImportValues.Builder imports =
        ImportValues.builder()
            .addMemory(new ImportMemory("env", "memory", new ByteArrayMemory(limits)))
            .addFunction(
                new HostFunction(
                    "env",
                    "opa_abort",
                    FunctionType.of(List.of(ValType.I32), List.of()),
                    (instance, args) -> {
                      throw new PolicyException(
                          "policy aborted: " + instance.memory().readCString((int) args[0]));
                    }))
            .addFunction(
                new HostFunction(
                    "env",
                    "opa_println",
                    FunctionType.of(List.of(ValType.I32), List.of()),
                    (instance, args) -> null));
    for (int arity = 0; arity <= 4; arity++) {
      List<ValType> params = new ArrayList<>();
      for (int i = 0; i < arity + 2; i++) { // builtin id, context, then the arguments
        params.add(ValType.I32);
      }
      imports.addFunction(
          new HostFunction(
              "env",
              "opa_builtin" + arity,
              FunctionType.of(params, List.of(ValType.I32)),
              (instance, args) -> {
                throw new PolicyException(
                    "the bundled policy called host builtin #"
                        + args[0]
                        + ", which is not provided");
              }));
    }
    Instance instance =
        Instance.builder(module)
            .withImportValues(imports.build())
            .withMachineFactory(BundledPolicyWasm::create)
            .build();
    return new CompiledOpaInstance(instance, dataJson);
  }

  @Override
  public Map<String, Integer> entrypoints() {
    return entrypoints;
  }

  @Override
  public String evaluate(int entrypoint, String inputJson) {
    byte[] input = inputJson.getBytes(StandardCharsets.UTF_8);
    heapSet.apply(scratch); // drop the previous evaluation's values
    long missing = (long) scratch + input.length - (long) memory.pages() * PAGE;
    if (missing > 0 && memory.grow((int) ((missing + PAGE - 1) / PAGE)) < 0) {
      throw new PolicyException(
          "the policy input (" + input.length + " bytes) does not fit in Wasm memory");
    }
    memory.write(scratch, input);
    int result =
        (int) eval.apply(0, entrypoint, data, scratch, input.length, scratch + input.length, 0)[0];
    if (result == 0) { // opa_eval has no error channel but this; aborts arrive through opa_abort
      throw new PolicyException("evaluation of entry point " + entrypoint + " returned no result");
    }
    return resultText(result);
  }

  /**
   * The result C string: the last thing opa_eval allocates, so it ends before the heap pointer. One
   * bulk copy up to there and a scan for its terminating zero; {@code Memory.readCString} reads
   * byte by byte through the memory interface, which cost ~3 % of a warm check on the corpus (its
   * results are ~0.7 MB of JSON).
   */
  private String resultText(int address) {
    int end = (int) heapGet.apply()[0];
    if (end <= address || end > (long) memory.pages() * PAGE) {
      return memory.readCString(address, StandardCharsets.UTF_8);
    }
    byte[] bytes = memory.readBytes(address, end - address);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return new String(bytes, 0, i, StandardCharsets.UTF_8);
      }
    }
    return memory.readCString(address, StandardCharsets.UTF_8);
  }

  private JsonNode readJson(long address) {
    String text = memory.readCString((int) address, StandardCharsets.UTF_8);
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          "the bundled policy returned unreadable JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Integer> ids(JsonNode object) {
    Map<String, Integer> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    return Map.copyOf(out);
  }
}
