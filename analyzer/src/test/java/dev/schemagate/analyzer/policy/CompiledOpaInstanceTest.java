package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The OPA ABI host of the build-time compiled bundled policy, against the SDK on the same module.
 */
class CompiledOpaInstanceTest {

  private static byte[] bundledWasm() throws IOException {
    try (InputStream in = PolicySource.class.getResourceAsStream(PolicySource.Bundled.RESOURCE)) {
      return in.readAllBytes();
    }
  }

  @Test
  void declaresTheSameEntryPointsAsTheModuleOnTheSdk() throws IOException {
    OpaInstance compiled = CompiledOpaInstance.bundled(null);
    OpaInstance sdk = SdkOpaInstance.load(bundledWasm(), null, false);
    assertEquals(sdk.entrypoints(), compiled.entrypoints());
    assertTrue(compiled.entrypoints().containsKey(PolicySource.ENTRYPOINT));
    assertTrue(compiled.entrypoints().containsKey(PolicySource.BATCH_ENTRYPOINT));
  }

  @Test
  void evaluatesLikeTheSdkAndReusesItsMemory() throws IOException {
    OpaInstance compiled = CompiledOpaInstance.bundled(null);
    OpaInstance sdk = SdkOpaInstance.load(bundledWasm(), null, false);
    int entry = compiled.entrypoints().get(PolicySource.ENTRYPOINT);
    String unsafe =
        """
        {"file":{"path":"a.sql","track":null,"version":null,"name":null,"phase":null,"transactional":null},
         "pg_version":17,"config":{"runner_sets_lock_timeout":false,"thresholds":{}},
         "base":{"compared":false,"applied_file_changed":false,"new_version":false,"max_version_on_base":null},
         "statements":[{"index":0,"line":1,"column":1,"end_line":1,"kind":"create_index","statement_kind":"create_index",
           "target":"public.orders","target_is_new":false,"flags":[],"actions":[],
           "locks":[{"relation":"public.orders","mode":"ShareLock","new":false}],
           "rewrite":false,"scan":true,"transactional":true,"version_error":null,"setting":null,
           "unparsed_reason":null,"waivers":[]}]}""";
    String expected = sdk.evaluate(entry, unsafe);
    assertTrue(expected.contains("lock/create-index-blocking"), expected);
    // Many evaluations on one instance: each starts from the same heap, none leaks into the next.
    for (int i = 0; i < 50; i++) {
      assertEquals(expected, compiled.evaluate(entry, unsafe));
    }
    String big = unsafe.replace("\"flags\":[]", "\"flags\":[" + "\"x\",".repeat(60_000) + "\"x\"]");
    assertEquals(
        sdk.evaluate(entry, big),
        compiled.evaluate(entry, big),
        "an input larger than the initial memory");
    assertEquals(expected, compiled.evaluate(entry, unsafe));
  }

  @Test
  void malformedInputIsAnsweredAsTheSdkAnswersIt() throws IOException {
    // OPA's opa_eval treats input it cannot parse as undefined: an empty result set. PolicyEngine
    // only ever passes text that Jackson serialised, so this is about agreeing with the SDK.
    OpaInstance compiled = CompiledOpaInstance.bundled(null);
    OpaInstance sdk = SdkOpaInstance.load(bundledWasm(), null, false);
    int entry = compiled.entrypoints().get(PolicySource.ENTRYPOINT);
    assertEquals(
        sdk.evaluate(entry, "{\"statements\": ["), compiled.evaluate(entry, "{\"statements\": ["));
  }
}
