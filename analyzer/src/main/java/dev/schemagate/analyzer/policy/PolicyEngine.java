package dev.schemagate.analyzer.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.analyzer.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Evaluates the policy input of one phase file (docs/policy-input.md) against the bundled policy
 * and any user policies, in process, with OPA's Wasm runtime. Loading is the expensive part (the
 * Wasm module is parsed and instantiated), so build one engine per run and reuse it; it is safe to
 * share between threads (each thread evaluates on its own Wasm instance).
 */
public final class PolicyEngine {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Comparator<RawFinding> ORDER =
      Comparator.comparing((RawFinding f) -> f.statementIndex() == null ? -1 : f.statementIndex())
          .thenComparing(RawFinding::rule)
          .thenComparing(RawFinding::message);

  /** Evaluates the further chunks of a batch; daemon threads, made on demand and kept a minute. */
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "schemagate-policy");
            t.setDaemon(true);
            return t;
          });

  private final List<PolicyModule> modules;
  private final Duration loadTime;
  private final boolean batch;
  private final int parallelism;

  private PolicyEngine(
      List<PolicyModule> modules, Duration loadTime, boolean batch, int parallelism) {
    this.modules = List.copyOf(modules);
    this.loadTime = loadTime;
    this.batch = batch;
    this.parallelism = parallelism;
  }

  /**
   * Whether {@link #evaluateAll} evaluates the bundled policy (and any user policy built alike) in
   * one go.
   */
  public boolean batched() {
    return batch && modules.stream().anyMatch(PolicyModule::batch);
  }

  /** How long building this engine took (reading, compiling and instantiating every policy). */
  public Duration loadTime() {
    return loadTime;
  }

  /** The bundled policy only, with the default runtime settings. */
  public static PolicyEngine bundled() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Evaluates one input and returns the findings of all policies, ordered by statement, rule and
   * message; a finding two policies both report (e.g. a user bundle that includes the built-in
   * rules) is returned once.
   */
  public List<RawFinding> evaluate(JsonNode input) {
    String inputJson = serialise(input);
    Set<List<String>> seen = new HashSet<>();
    List<RawFinding> sorted = new ArrayList<>();
    for (PolicyModule module : modules) {
      for (RawFinding f : ContainedEvaluation.file(module, input, inputJson)) {
        if (seen.add(identity(f))) {
          sorted.add(f);
        }
      }
    }
    sorted.sort(ORDER);
    return sorted;
  }

  /**
   * Evaluates many inputs and returns, for each, what {@link #evaluate} returns for it alone. A
   * policy that has the {@value PolicySource#BATCH_ENTRYPOINT} entry point evaluates many inputs in
   * one Wasm evaluation, which saves a fixed cost of a few milliseconds per input; others evaluate
   * one input at a time. The bundled policy's inputs are evaluated in chunks on up to {@link
   * Builder#parallelism} threads (see {@link PolicyBatch}).
   */
  public List<List<RawFinding>> evaluateAll(List<JsonNode> inputs) {
    PolicyBatch batch = batch();
    inputs.forEach(batch::add);
    return batch.finish();
  }

  /**
   * A batch whose inputs the caller adds one at a time, in order, while it works out the next ones;
   * the bundled policy starts on complete chunks at once. Its {@link PolicyBatch#finish} returns
   * what {@link #evaluateAll} would.
   */
  public PolicyBatch batch() {
    return new PolicyBatch(modules, batch, parallelism, WORKERS);
  }

  /**
   * The rule id of the error-level finding that reports a policy's runtime error on a file or
   * statement.
   */
  public static final String EVALUATION_ERROR_RULE = ContainedEvaluation.RULE;

  /** What makes two policies' findings the same one: rule, statement and message. */
  static List<String> identity(RawFinding f) {
    return List.of(f.rule(), String.valueOf(f.statementIndex()), f.message());
  }

  /** The input's JSON text, serialised once for all modules (each index by one thread only). */
  static String json(List<JsonNode> inputs, String[] jsons, int i) {
    if (jsons[i] == null) {
      jsons[i] = serialise(inputs.get(i));
    }
    return jsons[i];
  }

  /**
   * Statements per chunk of the bundled policy ({@code -Dschemagate.policy.chunkStatements}
   * overrides it). Files differ a lot in cost (a file with many findings costs several times one
   * with none), so one chunk per thread left one thread idle for a third of the evaluation on the
   * corpus; chunks of ~100 statements (~10 ms warm), taken in turn, keep both busy: a warm pass
   * went from 0.125 to 0.100 s (docs/policy-engine.md).
   */
  public static final int CHUNK_STATEMENTS =
      Math.max(32, Integer.getInteger("schemagate.policy.chunkStatements", 100));

  /**
   * The batch entry point on {@code inputs} in one evaluation; {@code jsons} caches their JSON
   * text.
   */
  static List<List<RawFinding>> evaluateChunk(
      PolicyModule module, List<JsonNode> inputs, String[] jsons) {
    StringBuilder files = new StringBuilder("{\"files\":[");
    for (int i = 0; i < inputs.size(); i++) {
      files.append(i > 0 ? "," : "").append(json(inputs, jsons, i));
    }
    String result = module.evaluateBatch(files.append("]}").toString());
    return parseBatch(module.name(), result, inputs);
  }

  /** A file costs about its statements plus a fixed part; chunks are cut by this weight. */
  public static int weight(JsonNode input) {
    return input.path("statements").size() + 1;
  }

  private static String serialise(JsonNode input) {
    try {
      return JSON.writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new PolicyException("cannot serialise the policy input: " + e.getMessage(), e);
    }
  }

  /** The result of the batch entry point: one set of findings per input, in input order. */
  static List<List<RawFinding>> parseBatch(
      String policy, String resultJson, List<JsonNode> inputs) {
    JsonNode results;
    try {
      results = JSON.readTree(resultJson);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          "policy " + policy + ": unreadable result: " + e.getOriginalMessage(), e);
    }
    JsonNode sets = results.path(0).path("result");
    if (!sets.isArray() || sets.size() != inputs.size()) {
      throw new PolicyException(
          "policy "
              + policy
              + ": "
              + PolicySource.BATCH_ENTRYPOINT
              + " must return one set of "
              + "findings per input file ("
              + inputs.size()
              + "), got "
              + abbreviate(sets.toString()));
    }
    List<List<RawFinding>> out = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      JsonNode set = sets.get(i);
      if (!set.isArray()) {
        throw new PolicyException(
            "policy " + policy + ": the entry point must return a set of findings, got " + set);
      }
      int statements = inputs.get(i).path("statements").size();
      List<RawFinding> findings = new ArrayList<>(set.size());
      for (JsonNode f : set) {
        findings.add(finding(policy, f, statements));
      }
      out.add(findings);
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /** The names of the loaded policies, bundled first. */
  public List<String> policies() {
    return modules.stream().map(PolicyModule::name).toList();
  }

  static List<RawFinding> parse(String policy, String resultJson, int statements) {
    JsonNode results;
    try {
      results = JSON.readTree(resultJson);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          "policy " + policy + ": unreadable result: " + e.getOriginalMessage(), e);
    }
    List<RawFinding> findings = new ArrayList<>();
    for (JsonNode r : results) {
      JsonNode set = r.path("result");
      if (set.isMissingNode() || set.isNull()) {
        continue; // entry point undefined for this input: no findings
      }
      if (!set.isArray()) {
        throw new PolicyException(
            "policy " + policy + ": the entry point must return a set of findings, got " + set);
      }
      for (JsonNode f : set) {
        findings.add(finding(policy, f, statements));
      }
    }
    return findings;
  }

  private static RawFinding finding(String policy, JsonNode f, int statements) {
    String rule = text(policy, f, "rule", true);
    String message = text(policy, f, "message", true);
    String hint = text(policy, f, "hint", false);
    String severityText = text(policy, f, "severity", true);
    Severity severity;
    try {
      severity = Severity.fromId(severityText);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(
          "policy "
              + policy
              + ": finding "
              + rule
              + " has severity \""
              + severityText
              + "\"; expected error, warning or info");
    }
    JsonNode s = f.path("statement");
    Integer index = null;
    if (!s.isMissingNode() && !s.isNull()) {
      if (!s.canConvertToInt()
          || !s.isIntegralNumber()
          || s.intValue() < 0
          || s.intValue() >= statements) {
        throw new PolicyException(
            "policy "
                + policy
                + ": finding "
                + rule
                + " points at statement "
                + s
                + ", but the file has "
                + statements
                + " statement(s) (0-based index, or null for the file)");
      }
      index = s.intValue();
    }
    return new RawFinding(rule, severity, index, message, hint, policy);
  }

  private static String text(String policy, JsonNode f, String field, boolean required) {
    JsonNode v = f.path(field);
    if (v.isTextual() && !(required && v.asText().isBlank())) {
      return v.asText();
    }
    if (!required && (v.isMissingNode() || v.isNull())) {
      return "";
    }
    throw new PolicyException(
        "policy "
            + policy
            + ": a finding needs a string \""
            + field
            + "\" (docs/policy-input.md), got "
            + f);
  }

  /** Chooses the policies and how they run. */
  public static final class Builder {
    private final List<PolicySource> sources = new ArrayList<>();
    private boolean bundled = true;
    private boolean compiler = defaultCompiler();
    private boolean batch = true;
    private boolean buildTimeCompiled = defaultBuildTimeCompiled();
    private int parallelism = defaultParallelism();

    /**
     * How many threads may evaluate one batch of the bundled policy at once, each on a Wasm
     * instance of its own (default: the available processors; {@code
     * -Dschemagate.policy.parallelism=N} overrides it). User policies on the SDK always evaluate on
     * one thread: each further instance would compile their module again.
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Whether the bundled policy runs on the bytecode compiled from it at build time (default true)
     * or, like user policies, on the OPA Java SDK. {@code -Dschemagate.policy.precompiled=false}
     * overrides the default; for comparisons and measurements.
     */
    public Builder buildTimeCompiled(boolean enabled) {
      this.buildTimeCompiled = enabled;
      return this;
    }

    /**
     * Whether {@link PolicyEngine#evaluateAll} may evaluate all inputs in one evaluation of {@value
     * PolicySource#BATCH_ENTRYPOINT} (default true; false evaluates one input at a time, for
     * comparisons and measurements).
     */
    public Builder batch(boolean enabled) {
      this.batch = enabled;
      return this;
    }

    /** Whether to evaluate the bundled policy (default true). */
    public Builder bundled(boolean include) {
      this.bundled = include;
      return this;
    }

    /** Adds a user policy (see {@link PolicySource#user}). */
    public Builder add(PolicySource source) {
      sources.add(source);
      return this;
    }

    /**
     * Whether Chicory compiles a user policy's Wasm (and the bundled one's when not {@link
     * #buildTimeCompiled}) to JVM bytecode at load time (the default) instead of interpreting it;
     * see docs/policy-engine.md for the measurements. {@code
     * -Dschemagate.policy.compiler=true|false} overrides it.
     */
    public Builder compiler(boolean enabled) {
      this.compiler = enabled;
      return this;
    }

    /**
     * Picks the faster Chicory mode for a run that will evaluate about {@code files} inputs: the
     * interpreter for a single one (it starts ~0.1-0.2 s sooner), the compiler from two on (each
     * further evaluation costs ~50 ms interpreted against ~5 ms compiled). The system property
     * {@code schemagate.policy.compiler} still wins.
     */
    public Builder forEvaluations(int files) {
      String p = System.getProperty("schemagate.policy.compiler");
      this.compiler = p == null ? files >= 2 : Boolean.parseBoolean(p.toLowerCase(Locale.ROOT));
      return this;
    }

    public PolicyEngine build() {
      long start = System.nanoTime();
      List<PolicySource> all = new ArrayList<>();
      if (bundled) {
        all.add(PolicySource.bundled());
      }
      all.addAll(sources);
      List<PolicyModule> modules = new ArrayList<>();
      for (PolicySource source : all) {
        if (source instanceof PolicySource.Bundled && buildTimeCompiled) {
          modules.add(PolicyModule.bundledCompiled(source.name(), source.entrypoint(), null));
          continue;
        }
        PolicySource.Compiled c = source.compile();
        modules.add(
            PolicyModule.onSdk(source.name(), c.wasm(), source.entrypoint(), c.data(), compiler));
      }
      return new PolicyEngine(
          modules, Duration.ofNanos(System.nanoTime() - start), batch, parallelism);
    }

    private static boolean defaultBuildTimeCompiled() {
      String p = System.getProperty("schemagate.policy.precompiled");
      return p == null || Boolean.parseBoolean(p.toLowerCase(Locale.ROOT));
    }

    private static int defaultParallelism() {
      String p = System.getProperty("schemagate.policy.parallelism");
      return p == null
          ? Runtime.getRuntime().availableProcessors()
          : Math.max(1, Integer.parseInt(p.trim()));
    }

    private static boolean defaultCompiler() {
      String p = System.getProperty("schemagate.policy.compiler");
      return p == null ? DEFAULT_COMPILER : Boolean.parseBoolean(p.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Compiling costs ~0.8 s more at load but makes every evaluation ~10 times cheaper, so it wins
   * from the second evaluation on; a one-file run may ask for the interpreter with {@link
   * Builder#forEvaluations}. Measurements in docs/policy-engine.md.
   */
  static final boolean DEFAULT_COMPILER = true;
}
