package dev.schemagate.analyzer.check;

import java.util.List;

/** A mechanical rewrite that resolves a finding; {@code schemagate check --fix} applies it. */
public record Fix(String description, List<TextEdit> edits) {

  public Fix {
    edits = List.copyOf(edits);
  }
}
