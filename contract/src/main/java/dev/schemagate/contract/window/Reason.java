package dev.schemagate.contract.window;

import java.util.Locale;

/** Why a decision came out as it did; the {@code reason} label of the decision metrics. */
public enum Reason {
  NO_ANNOTATION,
  LIVE,
  ABOVE_WINDOW,
  BELOW_WINDOW,
  UNKNOWN_TRACK,
  MALFORMED,
  UNCHANGED_UPDATE,
  EXEMPT_NAMESPACE,
  NOT_A_WORKLOAD,
  NOT_CHECKED_OPERATION;

  /** {@code above-window}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
