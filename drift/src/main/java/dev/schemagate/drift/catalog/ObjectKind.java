package dev.schemagate.drift.catalog;

import java.util.Locale;

/** The kinds of catalog object drift compares (docs/drift.md#what-is-compared). */
public enum ObjectKind {
  TABLE,
  COLUMN,
  CONSTRAINT,
  INDEX,
  SEQUENCE,
  VIEW,
  TRIGGER,
  FUNCTION,
  ENUM,
  PARTITION;

  /** {@code column}: how messages, reports and metrics name the kind. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
