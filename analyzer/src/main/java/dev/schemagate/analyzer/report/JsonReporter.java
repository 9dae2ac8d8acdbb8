package dev.schemagate.analyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.TextEdit;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ParsedStatement;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The machine-readable format ({@code docs/output.md}): findings, the facts of every statement, and
 * a summary. Fields are written in a fixed order and always present (null when empty), so consumers
 * can rely on the shape.
 */
public final class JsonReporter implements Reporter {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  @Override
  public void write(CheckResult result, List<RuleInfo> rules, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(prettyPrinter());
      g.writeStartObject();
      g.writeArrayFieldStart("findings");
      for (FileResult file : result.files()) {
        for (Finding f : ReportSupport.sorted(file)) {
          writeFinding(g, f, file);
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("statements");
      for (FileResult file : result.files()) {
        for (StatementFacts s : file.statements()) {
          writeStatement(g, s, file);
        }
      }
      g.writeEndArray();
      writeSummary(g, result);
      g.writeEndObject();
    }
    out.write("\n");
    out.flush();
  }

  /** Two-space indentation and {@code \n} line ends on every platform, arrays one item per line. */
  static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
  }

  private static void writeFinding(JsonGenerator g, Finding f, FileResult file) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", f.rule());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("path", f.path());
    g.writeNumberField("line", f.line());
    g.writeNumberField("column", f.column());
    g.writeStringField("message", f.message());
    g.writeStringField("hint", f.hint());
    g.writeNumberField("end_line", ReportSupport.endLine(f, file));
    g.writeBooleanField("waived", f.waived());
    g.writeStringField("waived_reason", f.waivedReason());
    writeFileContext(g, file);
    g.writeFieldName("fix");
    writeFix(g, f.fix());
    g.writeEndObject();
  }

  private static void writeFix(JsonGenerator g, Fix fix) throws IOException {
    if (fix == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("description", fix.description());
    g.writeArrayFieldStart("edits");
    for (TextEdit e : fix.edits()) {
      g.writeStartObject();
      g.writeStringField("path", e.path());
      g.writeNumberField("start_offset", e.startOffset());
      g.writeNumberField("end_offset", e.endOffset());
      g.writeStringField("replacement", e.replacement());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeStatement(JsonGenerator g, StatementFacts s, FileResult file)
      throws IOException {
    ParsedStatement p = s.statement();
    SqlStatement src = p.source();
    g.writeStartObject();
    g.writeStringField("path", file.path());
    g.writeNumberField("line", src.line());
    g.writeStringField("kind", p.kindId());
    StatementJson.writeLocks(g, s, null);
    g.writeBooleanField("rewrite", s.rewrite());
    g.writeBooleanField("scan", s.scan());
    g.writeBooleanField("transactional", s.transactional());
    g.writeNumberField("column", src.column());
    g.writeNumberField("end_line", src.endLine());
    g.writeStringField("target", p.target() == null ? null : p.target().toString());
    g.writeStringField("parser", p.parser());
    g.writeStringField("unparsed_reason", p.reason());
    g.writeStringField("version_error", s.versionError());
    StatementJson.writeStrings(g, "notes", s.notes());
    writeFileContext(g, file);
    g.writeEndObject();
  }

  private static void writeFileContext(JsonGenerator g, FileResult file) throws IOException {
    StatementJson.writePhaseContext(g, file.track(), file.version(), file.phase());
  }

  private static void writeSummary(JsonGenerator g, CheckResult result) throws IOException {
    Summary s = Summary.of(result);
    g.writeObjectFieldStart("summary");
    g.writeNumberField("errors", s.errors());
    g.writeNumberField("warnings", s.warnings());
    g.writeNumberField("info", s.info());
    g.writeNumberField("waived", s.waived());
    g.writeNumberField("files", s.files());
    g.writeNumberField("statements", s.statements());
    g.writeBooleanField("failed", s.failed());
    g.writeNumberField("pg_version", result.pgVersion());
    g.writeEndObject();
  }
}
