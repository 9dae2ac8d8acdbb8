package dev.schemagate.analyzer.check;

import java.util.List;

/**
 * A mechanical rewrite that resolves a finding; {@code schemagate check --fix} applies it. A fix
 * without edits is a refusal: the rewrite would not run here (the file's transaction, the replayed
 * schema, the PostgreSQL version), and {@code description} says why.
 */
public record Fix(String description, List<TextEdit> edits) {

  public Fix {
    edits = List.copyOf(edits);
  }

  /**
   * The rule has a rewrite, but not one that would run on this statement here: {@code reason} says
   * why.
   */
  public static Fix refused(String reason) {
    return new Fix(reason, List.of());
  }

  /** True when the fix writes nothing and its description says why. */
  public boolean refused() {
    return edits.isEmpty();
  }
}
