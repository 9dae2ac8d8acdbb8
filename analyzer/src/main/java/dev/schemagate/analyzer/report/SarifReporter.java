package dev.schemagate.analyzer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 (OASIS), in the subset GitHub code scanning reads: one run, the rules with their
 * documentation pages, results with locations relative to {@code SRCROOT}, fixes as replacements,
 * waivers as in-source suppressions.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "SRCROOT";
  static final String FINGERPRINT_KEY = "schemagateFinding/v1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String toolVersion;
  private final DocLinks links;

  public SarifReporter(String toolVersion, DocLinks links) {
    this.toolVersion = toolVersion;
    this.links = links;
  }

  @Override
  public void write(CheckResult result, List<RuleInfo> rules, Writer out) throws IOException {
    List<RuleInfo> allRules = withRulesOfFindings(rules, result);
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < allRules.size(); i++) {
      ruleIndex.put(allRules.get(i).id(), i);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "schemagate");
    driver.put("informationUri", DocLinks.HOMEPAGE);
    driver.put("version", toolVersion);
    ArrayNode rulesNode = driver.putArray("rules");
    for (RuleInfo r : allRules) {
      ObjectNode rn = rulesNode.addObject();
      rn.put("id", r.id());
      rn.putObject("shortDescription").put("text", r.summary());
      if (r.docPath() != null) {
        rn.put("helpUri", links.ruleUrl(r.id(), rules));
      }
      rn.putObject("defaultConfiguration").put("level", level(r.defaultSeverity()));
    }
    ArrayNode results = run.putArray("results");
    Map<String, Integer> seen = new HashMap<>();
    for (FileResult file : result.files()) {
      for (Finding f : ReportSupport.sorted(file)) {
        results.add(resultNode(f, file, ruleIndex.get(f.rule()), seen));
      }
    }
    run.put("columnKind", "utf16CodeUnits");
    MAPPER
        .writer(JsonReporter.prettyPrinter())
        .without(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
        .writeValue(out, root);
    out.write("\n");
    out.flush();
  }

  private ObjectNode resultNode(Finding f, FileResult file, int index, Map<String, Integer> seen) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("ruleId", f.rule());
    r.put("ruleIndex", index);
    r.put("level", level(f.severity()));
    String text =
        f.hint() == null || f.hint().isBlank() ? f.message() : f.message() + "\n" + f.hint();
    r.putObject("message").put("text", text);
    ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
    putArtifact(physical.putObject("artifactLocation"), f.path());
    ObjectNode region = physical.putObject("region");
    region.put("startLine", Math.max(1, f.line()));
    region.put("startColumn", Math.max(1, f.column()));
    region.put("endLine", Math.max(1, ReportSupport.endLine(f, file)));
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f, file, seen));
    if (f.fix() != null && !f.fix().edits().isEmpty()) {
      ObjectNode fix = r.putArray("fixes").addObject();
      fix.putObject("description").put("text", f.fix().description());
      ArrayNode changes = fix.putArray("artifactChanges");
      Map<String, List<TextEdit>> byPath = new LinkedHashMap<>();
      for (TextEdit e : f.fix().edits()) {
        byPath.computeIfAbsent(e.path(), k -> new ArrayList<>()).add(e);
      }
      byPath
          .values()
          .forEach(list -> list.sort(java.util.Comparator.comparingInt(TextEdit::startOffset)));
      for (Map.Entry<String, List<TextEdit>> entry : byPath.entrySet()) {
        ObjectNode change = changes.addObject();
        putArtifact(change.putObject("artifactLocation"), entry.getKey());
        ArrayNode replacements = change.putArray("replacements");
        for (TextEdit e : entry.getValue()) {
          ObjectNode rep = replacements.addObject();
          ObjectNode deleted = rep.putObject("deletedRegion");
          deleted.put("charOffset", e.startOffset());
          deleted.put("charLength", e.endOffset() - e.startOffset());
          rep.putObject("insertedContent").put("text", e.replacement());
        }
      }
    }
    if (f.waived()) {
      ObjectNode s = r.putArray("suppressions").addObject();
      s.put("kind", "inSource");
      s.put("justification", f.waivedReason());
    }
    return r;
  }

  /**
   * Stable across edits elsewhere in the file: rule, path and the statement's text with its
   * whitespace collapsed (not its line), plus an occurrence counter for identical statements.
   */
  private static String fingerprint(Finding f, FileResult file, Map<String, Integer> seen) {
    StatementFacts s = ReportSupport.statementOf(f, file);
    String statementText =
        s == null ? "" : s.statement().source().text().replaceAll("\\s+", " ").trim();
    String key = f.rule() + "\u0000" + f.path() + "\u0000" + statementText + "\u0000" + f.message();
    int occurrence = seen.merge(key, 1, Integer::sum);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16) + ":" + occurrence;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static void putArtifact(ObjectNode location, String path) {
    String normalised = path.replace('\\', '/');
    if (Path.of(path).isAbsolute()) {
      location.put("uri", Path.of(path).toUri().toString());
      return;
    }
    location.put("uri", relativeUri(normalised));
    location.put("uriBaseId", SRCROOT);
  }

  /**
   * Percent-encodes what a URI reference may not hold (spaces, non-ASCII stays as UTF-8 escapes).
   */
  static String relativeUri(String path) {
    try {
      String uri =
          new URI(null, null, path.startsWith("./") ? path.substring(2) : path, null)
              .toASCIIString();
      // A colon in the first segment would read as a scheme ("c:x.sql").
      int slash = uri.indexOf('/');
      String first = slash < 0 ? uri : uri.substring(0, slash);
      return first.replace(":", "%3A") + (slash < 0 ? "" : uri.substring(slash));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot express path as a URI: " + path, e);
    }
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * Custom policies may report rules the caller did not list; SARIF needs a descriptor for each.
   */
  private static List<RuleInfo> withRulesOfFindings(List<RuleInfo> rules, CheckResult result) {
    List<RuleInfo> all = new ArrayList<>(rules);
    Set<String> ids = new HashSet<>();
    rules.forEach(r -> ids.add(r.id()));
    for (Finding f : result.findings()) {
      if (ids.add(f.rule())) {
        all.add(new RuleInfo(f.rule(), f.severity(), f.rule(), null));
      }
    }
    return all;
  }
}
