package dev.schemagate.contract.window;

import java.util.Locale;

/** What the webhook does with a denial. */
public enum EnforcementMode {
  /** The API server rejects the workload. */
  ENFORCE,
  /** The workload is admitted; the denial comes back to the client as a warning. */
  WARN,
  /** The workload is admitted; the denial is only in audit annotations and metrics. */
  DRY_RUN;

  /** The configuration spelling: {@code enforce}, {@code warn}, {@code dry-run}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses {@code enforce}, {@code warn} or {@code dry-run}.
   *
   * @throws IllegalArgumentException quoting the bad value
   */
  public static EnforcementMode parse(String text) {
    for (EnforcementMode m : values()) {
      if (m.label().equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown enforcement mode \"" + text + "\"; expected enforce, warn or dry-run");
  }
}
