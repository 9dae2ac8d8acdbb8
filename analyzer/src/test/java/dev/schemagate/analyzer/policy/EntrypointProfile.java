package dev.schemagate.analyzer.policy;

import com.styra.opa.wasm.OpaPolicy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: times every entry point of a Wasm policy on one input. Args: wasm input.json
 * [compiler].
 */
public final class EntrypointProfile {
  public static void main(String[] args) throws Exception {
    OpaPolicy.Builder b = OpaPolicy.builder().withPolicy(Path.of(args[0]));
    if (args.length < 3 || !Boolean.parseBoolean(args[2])) {
      b.disableCompiler();
    }
    OpaPolicy p = b.build();
    String input = Files.readString(Path.of(args[1]));
    for (int pass = 0; pass < 3; pass++) {
      for (String ep : p.entrypoints().keySet()) {
        p.entrypoint(ep);
        p.evaluate(input);
        long t0 = System.nanoTime();
        int n = 20;
        for (int i = 0; i < n; i++) {
          p.evaluate(input);
        }
        if (pass == 2) {
          System.out.printf("%8.2f ms  %s%n", (System.nanoTime() - t0) / 1e6 / n, ep);
        }
      }
    }
  }
}
