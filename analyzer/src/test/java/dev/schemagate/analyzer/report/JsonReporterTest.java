package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReporterTest {

  private static JsonNode render() throws IOException {
    StringWriter out = new StringWriter();
    new JsonReporter().write(ReportFixtures.realistic(), ReportFixtures.RULES, out);
    return new ObjectMapper().readTree(out.toString());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void topLevelShapeInStableOrder() throws IOException {
    assertEquals(List.of("findings", "statements", "summary"), names(render()));
  }

  @Test
  void findingsCarryTheContractFieldsFirstWithTheirTypes() throws IOException {
    JsonNode findings = render().get("findings");
    assertEquals(4, findings.size());
    for (JsonNode f : findings) {
      assertEquals(
          List.of("rule", "severity", "path", "line", "column", "message", "hint"),
          names(f).subList(0, 7));
      assertTrue(
          f.get("rule").isTextual() && f.get("severity").isTextual() && f.get("path").isTextual());
      assertTrue(f.get("line").isInt() && f.get("column").isInt() && f.get("end_line").isInt());
      assertTrue(
          f.get("message").isTextual() && (f.get("hint").isTextual() || f.get("hint").isNull()));
      assertTrue(f.get("waived").isBoolean());
    }
    JsonNode first = findings.get(0);
    assertEquals("lock/create-index-blocking", first.get("rule").asText());
    assertEquals("error", first.get("severity").asText());
    assertEquals(4, first.get("line").asInt());
    assertEquals("expand", first.get("phase").asText());
    assertEquals(3, first.get("version").asInt());
    JsonNode edit = first.get("fix").get("edits").get(0);
    assertEquals(" CONCURRENTLY", edit.get("replacement").asText());
    assertEquals(
        ReportFixtures.EXPAND.indexOf("INDEX orders_status_idx") + "INDEX".length(),
        edit.get("start_offset").asInt());
    JsonNode waived = findings.get(1);
    assertTrue(waived.get("waived").asBoolean());
    assertEquals(
        "orders_archive is empty in every environment", waived.get("waived_reason").asText());
    assertEquals(7, waived.get("end_line").asInt());
    assertTrue(waived.get("fix").isNull());
  }

  @Test
  void statementsCarryKindLocksAndFacts() throws IOException {
    JsonNode statements = render().get("statements");
    List<String> kinds = new ArrayList<>();
    for (JsonNode s : statements) {
      assertEquals(
          List.of("path", "line", "kind", "locks", "rewrite", "scan", "transactional"),
          names(s).subList(0, 7));
      assertFalse(s.get("kind").asText().isEmpty());
      kinds.add(s.get("kind").asText());
      assertTrue(
          s.get("rewrite").isBoolean()
              && s.get("scan").isBoolean()
              && s.get("transactional").isBoolean());
      assertTrue(s.get("line").isInt());
      for (JsonNode lock : s.get("locks")) {
        assertTrue(lock.get("relation").isTextual() && lock.get("mode").isTextual());
      }
    }
    assertEquals(
        List.of(
            "alter_table.add_column",
            "create_index",
            "alter_table.alter_column_type",
            "create_table",
            "update"),
        kinds);
    JsonNode rewrite = statements.get(2);
    assertTrue(rewrite.get("rewrite").asBoolean());
    assertEquals("public.orders_archive", rewrite.get("locks").get(0).get("relation").asText());
    assertEquals("AccessExclusiveLock", rewrite.get("locks").get(0).get("mode").asText());
    JsonNode created = statements.get(3);
    assertTrue(created.get("locks").get(0).get("new").asBoolean());
    assertEquals("new table: no lock hazard", created.get("notes").get(0).asText());
  }

  @Test
  void summaryCountsWaivedFindingsApart() throws IOException {
    JsonNode summary = render().get("summary");
    assertEquals(
        List.of(
            "errors", "warnings", "info", "waived", "files", "statements", "failed", "pg_version"),
        names(summary));
    assertEquals(1, summary.get("errors").asInt());
    assertEquals(1, summary.get("warnings").asInt());
    assertEquals(1, summary.get("info").asInt());
    assertEquals(1, summary.get("waived").asInt());
    assertEquals(2, summary.get("files").asInt());
    assertEquals(5, summary.get("statements").asInt());
    assertTrue(summary.get("failed").asBoolean());
    assertEquals(16, summary.get("pg_version").asInt());
  }
}
