package dev.schemagate.cli.bench;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.SqlFileSet;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Warm in-process throughput of the whole check pipeline (split, parse, facts, policy evaluation)
 * on plain SQL files: loads the policy once, runs the pipeline until the JIT has settled, then
 * {@code --runs} times, and prints the median statements per second. Used by
 * bench/check_vs_squawk.py; not a test.
 *
 * <pre>
 * java -cp cli/target/schemagate.jar dev.schemagate.cli.bench.WarmThroughput [--warmup N] [--max-warmup N] [--runs N] [--per-file] [--threads N] PATH…
 * </pre>
 *
 * <p>Warm means the JIT is done: JSqlParser and the compiled policy are thousands of methods, many
 * run only a few times per pass, so they keep crossing the compile thresholds for hundreds of
 * passes, and on 2 cores the compiler threads then take CPU from the check (after 60 passes they
 * still compiled ~100 methods a second and used as much CPU as the check). The warm-up therefore
 * runs at least {@code --warmup} passes and then until the compilers spent under {@value
 * #SETTLED_SHARE_PERCENT} % of the wall time of the last {@value #WINDOW} passes (at most {@code
 * --max-warmup} passes), and the report says how many passes that took and how much compiling
 * happened during the measured passes.
 *
 * <p>{@code --per-file} evaluates the policy once per file instead of once per run; {@code
 * --threads N} evaluates a batch on at most N threads (default: the available processors, as {@link
 * PolicyEngine} does). Run it with the JVM's default JIT: a warm embedding (webhook, watcher,
 * runner) is a long-lived JVM with C2, unlike the CLI, whose launcher stops at C1 for a fast start.
 */
public final class WarmThroughput {
  static final int WINDOW = 10;
  static final int SETTLED_SHARE_PERCENT = 2;

  private WarmThroughput() {}

  public static void main(String[] args) {
    int warmup = 20;
    int maxWarmup = 1000;
    int runs = 10;
    boolean batch = true;
    Integer threads = null;
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--max-warmup" -> maxWarmup = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--per-file" -> batch = false;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> paths.add(Path.of(args[i]));
      }
    }
    if (paths.isEmpty() || runs < 1) {
      System.err.println(
          "usage: WarmThroughput [--warmup N] [--max-warmup N] [--runs N] [--per-file] [--threads N] PATH…");
      System.exit(2);
    }
    SqlFileSet files = SqlFileSet.of(paths);
    PolicyEngine.Builder builder = PolicyEngine.builder().batch(batch);
    if (threads != null) {
      builder.parallelism(threads);
    }
    PolicyEngine engine = builder.build();
    int statements = 0;
    var jit = ManagementFactory.getCompilationMXBean();
    long[] passNanos = new long[WINDOW];
    long[] passJitMillis = new long[WINDOW];
    int passes = 0;
    long warmStart = System.nanoTime();
    while (passes < maxWarmup
        && (passes < Math.max(warmup, WINDOW) || !settled(passNanos, passJitMillis))) {
      long j0 = jit.getTotalCompilationTime();
      long t0 = System.nanoTime();
      statements = statements(run(engine, files, null));
      passNanos[passes % WINDOW] = System.nanoTime() - t0;
      passJitMillis[passes % WINDOW] = jit.getTotalCompilationTime() - j0;
      passes++;
    }
    boolean settled = settled(passNanos, passJitMillis);
    double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
    long jitBefore = jit.getTotalCompilationTime();
    long[] nanos = new long[runs];
    long[] cpu = new long[runs];
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Long> stages = null;
    for (int i = 0; i < runs; i++) {
      CheckRunner runner = new CheckRunner(settings -> engine);
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      statements = statements(run(engine, files, runner));
      nanos[i] = System.nanoTime() - t0;
      cpu[i] = os.getProcessCpuTime() - c0;
      stages = runner.timings().millis();
    }
    long jitDuring = jit.getTotalCompilationTime() - jitBefore;
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    double median = nanos[runs / 2] / 1e9;
    System.out.printf(
        "schemagate warm in-process: %d files, %d statements, median %.3f s per pass over %d passes"
            + " (after %d warm-up): %.0f statements/s%n",
        files.files().size(), statements, median, runs, passes, statements / median);
    System.out.printf(
        "schemagate warm-up: %d passes in %.1f s, %s; JIT compilation during the measured passes:"
            + " %d ms%n",
        passes,
        warmSeconds,
        settled
            ? "until the JIT compilers used under "
                + SETTLED_SHARE_PERCENT
                + " % of the last "
                + WINDOW
                + " passes"
            : "NOT settled (the compilers still used "
                + share(passNanos, passJitMillis)
                + " % of the last "
                + WINDOW
                + " passes; raise --max-warmup)",
        jitDuring);
    System.out.printf(
        "schemagate warm pass: median process CPU %.3f s (all threads, with JIT and GC); breakdown"
            + " (ms wall, last pass): %s; policy threads: %s%n",
        cpu[runs / 2] / 1e9,
        stages,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
  }

  /**
   * Whether the compilers' time over the last {@link #WINDOW} passes is a small share of their wall
   * time.
   */
  static boolean settled(long[] passNanos, long[] passJitMillis) {
    return share(passNanos, passJitMillis) < SETTLED_SHARE_PERCENT;
  }

  private static long share(long[] passNanos, long[] passJitMillis) {
    long wallMillis = Math.max(1, Arrays.stream(passNanos).sum() / 1_000_000);
    return Arrays.stream(passJitMillis).sum() * 100 / wallMillis;
  }

  private static CheckResult run(PolicyEngine engine, SqlFileSet files, CheckRunner runner) {
    CheckRunner r = runner != null ? runner : new CheckRunner(settings -> engine);
    return r.check(files, new CheckOptions(null, null));
  }

  private static int statements(CheckResult result) {
    return result.statementCount();
  }
}
