package dev.schemagate.analyzer.check;

import java.util.Locale;

/** How bad a finding is. Only {@link #ERROR} fails a check (exit code 1). */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromId(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }
}
