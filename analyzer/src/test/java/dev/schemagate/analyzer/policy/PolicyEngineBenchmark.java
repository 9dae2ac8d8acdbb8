package dev.schemagate.analyzer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;

/**
 * Not a test: measures loading the bundled policy and evaluating a realistic input, with and
 * without Chicory's compiler. Run one mode per JVM, as a CLI run would:
 * {@code java -cp <test classpath> dev.schemagate.analyzer.policy.PolicyEngineBenchmark true|false}
 */
public final class PolicyEngineBenchmark {
  public static void main(String[] args) throws Exception {
    boolean compiler = Boolean.parseBoolean(args[0]);
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    JsonNode input;
    try (InputStream in = PolicyEngineBenchmark.class.getResourceAsStream("expand-unsafe.json")) {
      input = new ObjectMapper().readTree(in);
    }
    long t0 = System.nanoTime();
    PolicyEngine engine = PolicyEngine.builder().compiler(compiler).build();
    long t1 = System.nanoTime();
    int first = engine.evaluate(input).size();
    long t2 = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      engine.evaluate(input);
    }
    long t3 = System.nanoTime();
    System.out.printf("compiler=%s load=%.0f ms first-eval=%.1f ms warm-eval=%.0f µs (%d findings, %d iterations)%n",
        compiler, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e3 / iterations, first, iterations);
  }
}
