package dev.schemagate.analyzer.repo;

import java.util.Locale;

/** The three phases of a migration version, in the order they run within the version. */
public enum PhaseKind {
  /** Additive, backward-compatible changes: old and new code both work afterwards. */
  EXPAND,
  /** Batched data movement between the old and new shapes. */
  BACKFILL,
  /** Destructive changes, once no running code needs the old shape. */
  CONTRACT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PhaseKind fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
