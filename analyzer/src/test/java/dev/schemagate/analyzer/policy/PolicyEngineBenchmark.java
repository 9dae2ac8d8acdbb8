package dev.schemagate.analyzer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Not a test: measures loading the bundled policy and evaluating a realistic input, with and
 * without Chicory's compiler, in wall time and in CPU time of the calling thread (which a busy
 * machine disturbs less). Run one mode per JVM, as a CLI run would: {@code java -cp <test
 * classpath> dev.schemagate.analyzer.policy.PolicyEngineBenchmark true|false [iterations]}
 */
public final class PolicyEngineBenchmark {
  public static void main(String[] args) throws Exception {
    boolean compiler = Boolean.parseBoolean(args[0]);
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    JsonNode input;
    try (InputStream in = PolicyEngineBenchmark.class.getResourceAsStream("expand-unsafe.json")) {
      input = new ObjectMapper().readTree(in);
    }
    long w0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    PolicyEngine engine = PolicyEngine.builder().compiler(compiler).build();
    long w1 = System.nanoTime();
    long c1 = cpu.getCurrentThreadCpuTime();
    int first = engine.evaluate(input).size();
    long w2 = System.nanoTime();
    long c2 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < iterations; i++) {
      engine.evaluate(input);
    }
    long w3 = System.nanoTime();
    long c3 = cpu.getCurrentThreadCpuTime();
    System.out.printf(
        "compiler=%-5s load %5.0f ms (cpu %5.0f)  first eval %6.1f ms (cpu %6.1f)  warm eval %7.2f ms (cpu %7.2f)"
            + "  [%d findings, %d iterations]%n",
        compiler,
        (w1 - w0) / 1e6,
        (c1 - c0) / 1e6,
        (w2 - w1) / 1e6,
        (c2 - c1) / 1e6,
        (w3 - w2) / 1e6 / Math.max(1, iterations),
        (c3 - c2) / 1e6 / Math.max(1, iterations),
        first,
        iterations);
  }
}
