package dev.schemagate.analyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.repo.PhaseKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The parts of a statement-facts JSON object that {@code check --format json} and {@code trace}
 * share, written the same way so the two outputs compare field by field.
 */
public final class StatementJson {

  private StatementJson() {}

  /**
   * Writes {@code "locks": [{"relation", "mode", "new"[, "relkind"]}]}.
   *
   * @param relationKinds pg_class.relkind by relation, as a trace observed them; null to leave the
   *     field out
   */
  public static void writeLocks(
      JsonGenerator g, StatementFacts s, Map<String, String> relationKinds) throws IOException {
    g.writeArrayFieldStart("locks");
    for (RelationLock l : s.locks()) {
      g.writeStartObject();
      g.writeStringField("relation", l.relation());
      g.writeStringField("mode", l.mode().pgName());
      g.writeBooleanField("new", s.newRelations().contains(l.relation()));
      if (relationKinds != null) {
        g.writeStringField("relkind", relationKinds.get(l.relation()));
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Writes {@code "field": ["…", …]}. */
  public static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Writes {@code "track", "version", "phase"} (null for a plain SQL file). */
  public static void writePhaseContext(
      JsonGenerator g, String track, Integer version, PhaseKind phase) throws IOException {
    g.writeStringField("track", track);
    if (version == null) {
      g.writeNullField("version");
    } else {
      g.writeNumberField("version", version);
    }
    g.writeStringField("phase", phase == null ? null : phase.id());
  }
}
