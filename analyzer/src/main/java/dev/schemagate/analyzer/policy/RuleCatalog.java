package dev.schemagate.analyzer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in rules, as scripts/build-policy.sh extracted them from the METADATA annotations of
 * policy/rules (rules.json next to policy.wasm).
 */
public final class RuleCatalog {
  static final String RESOURCE = "/dev/schemagate/analyzer/policy/rules.json";

  private final Map<String, RuleInfo> rules;

  private RuleCatalog(Map<String, RuleInfo> rules) {
    this.rules = rules;
  }

  /** The catalogue bundled with the analyzer. */
  public static RuleCatalog bundled() {
    try (InputStream in = RuleCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new PolicyException(
            "the rule catalogue " + RESOURCE + " is missing (run scripts/build-policy.sh)");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new PolicyException(
          "cannot read the rule catalogue " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  static RuleCatalog parse(JsonNode root) {
    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    for (JsonNode r : root.path("rules")) {
      String id = r.path("id").asText();
      rules.put(
          id,
          new RuleInfo(
              id,
              Severity.fromId(r.path("severity").asText()),
              r.path("summary").asText(),
              r.path("doc").asText()));
    }
    if (rules.isEmpty()) {
      throw new PolicyException("the rule catalogue " + RESOURCE + " lists no rules");
    }
    return new RuleCatalog(rules);
  }

  /** All rules, ordered by id. */
  public List<RuleInfo> all() {
    return new ArrayList<>(rules.values());
  }

  public Optional<RuleInfo> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }
}
