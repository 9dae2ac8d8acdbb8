package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.StatementKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/output.md stays true to the code: every statement kind and action is documented. */
class OutputDocTest {

  private static String doc() throws IOException {
    Path doc = Path.of("../docs/output.md");
    assertTrue(Files.exists(doc), "docs/output.md is missing (tests run from analyzer/)");
    return Files.readString(doc);
  }

  private static String kindsSection(String doc) {
    int start = doc.indexOf("### Statement kinds");
    int end = doc.indexOf("\n## ", start);
    assertTrue(start >= 0 && end > start, "docs/output.md has a 'Statement kinds' section");
    return doc.substring(start, end);
  }

  @Test
  void everyStatementKindIsDocumented() throws IOException {
    String section = kindsSection(doc());
    List<String> missing = new ArrayList<>();
    for (StatementKind k : StatementKind.values()) {
      if (!section.contains("`" + k.id() + "`")) {
        missing.add(k.id());
      }
    }
    assertEquals(List.of(), missing, "statement kinds missing from docs/output.md");
  }

  @Test
  void everyActionKindIsDocumented() throws IOException {
    String section = kindsSection(doc());
    List<String> missing = new ArrayList<>();
    for (ActionKind a : ActionKind.values()) {
      if (!section.contains("`" + a.id() + "`")) {
        missing.add(a.id());
      }
    }
    assertEquals(List.of(), missing, "ALTER actions missing from docs/output.md");
  }

  @Test
  void everyFormatIsDocumented() throws IOException {
    String doc = doc();
    for (String format : Reporters.FORMATS) {
      assertTrue(doc.contains("\n## `" + format + "`"), "no section for --format " + format);
    }
  }
}
