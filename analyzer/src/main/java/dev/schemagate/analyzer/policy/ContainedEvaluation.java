package dev.schemagate.analyzer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.analyzer.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a policy runtime error (OPA's {@code var assignment conflict}, {@code object insert
 * conflict}, an abort) to the file and the statement that cause it, instead of failing the whole
 * check (issue 13 §1). A batch that fails is evaluated again file by file; a file that fails is
 * narrowed down to the statement whose presence makes it fail (the shortest failing prefix of its
 * statements, by bisection); that statement gets an error-level {@value #RULE} finding naming the
 * rule and is then evaluated as a plain {@code SELECT}, so that every other statement of the file
 * still gets the findings of every rule. docs/policy-engine.md, "Runtime errors".
 */
final class ContainedEvaluation {
  /** The rule id of the finding that reports a policy's runtime error. */
  static final String RULE = "policy/evaluation-error";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  // OPA's Wasm runtime errors carry "<file>:<row>:<col>: <message>".
  private static final Pattern LOCATION =
      Pattern.compile("([^\\s:]+\\.rego):(\\d+):\\d+: ([^\\n]+)");
  private static final Pattern BUILT_IN_RULE =
      Pattern.compile("(?:^|/)policy/rules/([a-z]+)/([a-z0-9_]+)\\.rego$");

  private ContainedEvaluation() {}

  /**
   * The batch entry point on {@code inputs}; on a runtime error, each file on its own (see {@link
   * #file}).
   */
  static List<List<RawFinding>> chunk(PolicyModule module, List<JsonNode> inputs, String[] jsons) {
    try {
      return PolicyEngine.evaluateChunk(module, inputs, jsons);
    } catch (PolicyEvaluationException e) {
      List<List<RawFinding>> out = new ArrayList<>(inputs.size());
      for (int i = 0; i < inputs.size(); i++) {
        out.add(file(module, inputs.get(i), PolicyEngine.json(inputs, jsons, i)));
      }
      return out;
    }
  }

  /**
   * The module's main entry point on one file's input ({@code json} is its text); on a runtime
   * error, the statements that cause it are found and reported, and the rest is evaluated without
   * them.
   */
  static List<RawFinding> file(PolicyModule module, JsonNode input, String json) {
    int statements = input.path("statements").size();
    try {
      return PolicyEngine.parse(module.name(), module.evaluate(json), statements);
    } catch (PolicyEvaluationException e) {
      return isolate(module, input, statements, e);
    }
  }

  private static List<RawFinding> isolate(
      PolicyModule module, JsonNode input, int n, PolicyEvaluationException first) {
    List<RawFinding> errors = new ArrayList<>();
    Set<Integer> stubbed = new TreeSet<>();
    PolicyEvaluationException failure = first;
    while (true) {
      // The shortest prefix of the statements that fails: its last statement is the culprit.
      if (fails(module, input, 0, stubbed, n) != null) {
        errors.add(error(module, null, failure, "on this file"));
        return errors;
      }
      int passing = 0;
      int failing = n;
      PolicyEvaluationException atFailing = failure;
      while (failing - passing > 1) {
        int mid = (passing + failing) >>> 1;
        PolicyEvaluationException e = fails(module, input, mid, stubbed, n);
        if (e != null) {
          failing = mid;
          atFailing = e;
        } else {
          passing = mid;
        }
      }
      int culprit = failing - 1;
      if (stubbed.contains(culprit)) { // fails even as a SELECT: the file itself is the trigger
        errors.add(error(module, null, atFailing, "on this file"));
        return errors;
      }
      errors.add(error(module, culprit, atFailing, "on this statement"));
      stubbed.add(culprit);
      try {
        List<RawFinding> found = new ArrayList<>();
        for (RawFinding f :
            PolicyEngine.parse(
                module.name(), module.evaluate(text(prefix(input, n, stubbed))), n)) {
          if (f.statementIndex() == null || !stubbed.contains(f.statementIndex())) {
            found.add(f); // a finding about a stand-in SELECT says nothing about the real statement
          }
        }
        found.addAll(errors);
        return found;
      } catch (PolicyEvaluationException e) {
        failure = e; // another statement fails too
      }
    }
  }

  /**
   * The error of evaluating the first {@code length} statements (the stubbed ones as SELECT), or
   * null.
   */
  private static PolicyEvaluationException fails(
      PolicyModule module, JsonNode input, int length, Set<Integer> stubbed, int n) {
    try {
      PolicyEngine.parse(module.name(), module.evaluate(text(prefix(input, length, stubbed))), n);
      return null;
    } catch (PolicyEvaluationException e) {
      return e;
    }
  }

  private static ObjectNode prefix(JsonNode input, int length, Set<Integer> stubbed) {
    ObjectNode copy = ((ObjectNode) input).deepCopy();
    ArrayNode all = (ArrayNode) input.path("statements");
    ArrayNode kept = copy.putArray("statements");
    for (int i = 0; i < length; i++) {
      kept.add(stubbed.contains(i) ? stub(all.get(i)) : all.get(i));
    }
    return copy;
  }

  /** The statement as a plain SELECT that takes no lock: where it is, its waivers, nothing else. */
  private static ObjectNode stub(JsonNode statement) {
    ObjectNode s = JSON.objectNode();
    for (String keep : List.of("index", "line", "column", "end_line", "waivers")) {
      s.set(keep, statement.path(keep).deepCopy());
    }
    s.put("kind", "select");
    s.put("statement_kind", "select");
    s.putNull("target");
    s.put("target_is_new", false);
    s.putArray("flags");
    s.putArray("actions");
    s.putArray("locks");
    s.put("rewrite", false);
    s.put("scan", false);
    s.put("transactional", true);
    s.putNull("version_error");
    s.putNull("setting");
    s.putNull("unparsed_reason");
    return s;
  }

  private static String text(JsonNode input) {
    return input.toString();
  }

  private static RawFinding error(
      PolicyModule module, Integer statement, PolicyEvaluationException e, String where) {
    String cause = e.getMessage();
    Matcher m = LOCATION.matcher(cause);
    String what;
    String rule;
    if (m.find()) {
      Matcher r = BUILT_IN_RULE.matcher(m.group(1));
      rule = r.find() ? r.group(1) + "/" + r.group(2).replace('_', '-') : null;
      what = m.group(3).strip() + " at " + m.group(1) + ":" + m.group(2);
    } else {
      rule = null;
      what = cause.replaceAll("\\s+", " ").strip();
    }
    String message =
        (rule != null ? "rule " + rule : "policy " + module.name())
            + " failed "
            + where
            + " ("
            + what
            + ")"
            + (statement == null
                ? "; no rule was evaluated on this file"
                : "; every other rule and statement was still checked");
    String hint =
        "A bug in the policy, not in the migration: report it with this statement to the policy's authors"
            + " (`schemagate check --policy-input FILE` writes the input to reproduce it with `opa eval`).";
    return new RawFinding(RULE, Severity.ERROR, statement, message, hint, module.name());
  }
}
