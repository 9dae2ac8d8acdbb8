package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode render(CheckResult result) throws IOException {
    StringWriter out = new StringWriter();
    new SarifReporter("0.1.0", DocLinks.defaults()).write(result, ReportFixtures.RULES, out);
    return MAPPER.readTree(out.toString());
  }

  private static List<Error> validate(JsonNode sarif) throws IOException {
    try (InputStream in =
        SarifReporterTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
      return schema.validate(sarif);
    }
  }

  @Test
  void validAgainstTheSarif210Schema() throws IOException {
    JsonNode sarif = render(ReportFixtures.realistic());
    assertEquals(List.of(), validate(sarif));
    // The validator does catch a broken log: guards against a schema that accepts anything.
    ObjectNode broken = sarif.deepCopy();
    broken.put("version", "2.0.0");
    ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    assertEquals(2, validate(broken).size());
  }

  @Test
  void driverDescribesEveryRuleWithItsPage() throws IOException {
    JsonNode sarif = render(ReportFixtures.realistic());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertEquals(1, sarif.get("runs").size());
    JsonNode driver = sarif.get("runs").get(0).get("tool").get("driver");
    assertEquals("schemagate", driver.get("name").asText());
    assertEquals("0.1.0", driver.get("version").asText());
    JsonNode rule = driver.get("rules").get(0);
    assertEquals("lock/create-index-blocking", rule.get("id").asText());
    assertEquals(
        "https://github.com/schemagate/schemagate/blob/main/docs/rules/lock/create-index-blocking.md",
        rule.get("helpUri").asText());
    assertEquals("error", rule.get("defaultConfiguration").get("level").asText());
    assertEquals(
        "note", driver.get("rules").get(3).get("defaultConfiguration").get("level").asText());
  }

  @Test
  void resultsPointAtTheStatementWithFixesAndSuppressions() throws IOException {
    JsonNode run = render(ReportFixtures.realistic()).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    JsonNode results = run.get("results");
    assertEquals(4, results.size());
    for (JsonNode r : results) {
      assertEquals(
          r.get("ruleId").asText(), rules.get(r.get("ruleIndex").asInt()).get("id").asText());
      assertEquals(1, r.get("partialFingerprints").size());
    }
    JsonNode index = results.get(0);
    assertEquals("error", index.get("level").asText());
    assertEquals(
        "CREATE INDEX without CONCURRENTLY blocks writes to public.orders (SHARE lock) while the index is built\n"
            + "Use CREATE INDEX CONCURRENTLY in a non-transactional phase.",
        index.get("message").get("text").asText());
    JsonNode physical = index.get("locations").get(0).get("physicalLocation");
    assertEquals(
        "migrations/orders/0003_status/expand.sql",
        physical.get("artifactLocation").get("uri").asText());
    assertEquals("SRCROOT", physical.get("artifactLocation").get("uriBaseId").asText());
    assertEquals(4, physical.get("region").get("startLine").asInt());
    assertEquals(1, physical.get("region").get("startColumn").asInt());
    assertEquals(4, physical.get("region").get("endLine").asInt());
    JsonNode replacements =
        index.get("fixes").get(0).get("artifactChanges").get(0).get("replacements");
    assertEquals(2, replacements.size());
    assertEquals(0, replacements.get(0).get("deletedRegion").get("charOffset").asInt());
    assertEquals(
        "-- schemagate:phase transactional=false\n",
        replacements.get(0).get("insertedContent").get("text").asText());
    int afterIndex = ReportFixtures.EXPAND.indexOf("INDEX orders_status_idx") + "INDEX".length();
    assertEquals(afterIndex, replacements.get(1).get("deletedRegion").get("charOffset").asInt());
    assertEquals(0, replacements.get(1).get("deletedRegion").get("charLength").asInt());
    assertEquals(" CONCURRENTLY", replacements.get(1).get("insertedContent").get("text").asText());

    JsonNode waived = results.get(1);
    assertEquals("inSource", waived.get("suppressions").get(0).get("kind").asText());
    assertEquals(
        "orders_archive is empty in every environment",
        waived.get("suppressions").get(0).get("justification").asText());
    assertEquals(
        7,
        waived
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("region")
            .get("endLine")
            .asInt());
    assertFalse(waived.has("fixes"));
    assertEquals("note", results.get(2).get("level").asText());
    assertEquals("warning", results.get(3).get("level").asText());
  }

  @Test
  void fingerprintSurvivesLinesAddedAboveButNotAnotherStatement() throws IOException {
    FileResult file = ReportFixtures.backfill();
    Finding dml = file.findings().get(0);
    Finding moved =
        new Finding(
            dml.rule(),
            dml.severity(),
            dml.path(),
            dml.line() + 5,
            dml.column(),
            dml.message(),
            dml.hint(),
            dml.statementIndex(),
            null,
            null);
    Finding other =
        new Finding(
            dml.rule(),
            dml.severity(),
            dml.path(),
            dml.line(),
            dml.column(),
            dml.message(),
            dml.hint(),
            0,
            null,
            null);
    String a = fingerprint(file, dml);
    assertEquals(a, fingerprint(file, moved));
    assertNotEquals(a, fingerprint(file, other));
  }

  private static String fingerprint(FileResult file, Finding f) throws IOException {
    FileResult one =
        new FileResult(
            file.path(),
            file.track(),
            file.version(),
            file.phase(),
            file.text(),
            file.statements(),
            List.of(f));
    return render(new CheckResult(16, List.of(one)))
        .get("runs")
        .get(0)
        .get("results")
        .get(0)
        .get("partialFingerprints")
        .get(SarifReporter.FINGERPRINT_KEY)
        .asText();
  }

  @Test
  void customRulesGetADescriptorAndPathsBecomeUriReferences() throws IOException {
    FileResult file = ReportFixtures.backfill();
    Finding custom =
        new Finding(
            "acme/no-update",
            Severity.ERROR,
            "db/my migrations/V2__x.sql",
            2,
            1,
            "no",
            null,
            1,
            null,
            null);
    FileResult one =
        new FileResult(
            "db/my migrations/V2__x.sql",
            null,
            null,
            null,
            file.text(),
            file.statements(),
            List.of(custom));
    JsonNode sarif = render(new CheckResult(16, List.of(one)));
    assertEquals(List.of(), validate(sarif));
    JsonNode run = sarif.get("runs").get(0);
    JsonNode result = run.get("results").get(0);
    JsonNode rule = run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
    assertEquals("acme/no-update", rule.get("id").asText());
    assertFalse(rule.has("helpUri"), "no page is known for a custom rule");
    assertEquals(
        "db/my%20migrations/V2__x.sql",
        result
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("artifactLocation")
            .get("uri")
            .asText());
    assertEquals("c%3Ax.sql", SarifReporter.relativeUri("c:x.sql"));
    assertTrue(SarifReporter.relativeUri("./a/b.sql").equals("a/b.sql"));
  }
}
