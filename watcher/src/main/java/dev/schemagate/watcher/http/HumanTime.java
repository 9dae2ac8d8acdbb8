package dev.schemagate.watcher.http;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as a person on call reads them: "just now", "42 s ago", "2 min ago", "in 30 s"; exact time
 * on hover.
 */
final class HumanTime {

  private HumanTime() {}

  /** "2 min ago" (or "in 2 min" for a future time); "never" for null. */
  static String relative(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    Duration d = Duration.between(then, now);
    boolean future = d.isNegative();
    long s = Math.abs(d.toSeconds());
    if (s < 5) {
      return future ? "in a moment" : "just now";
    }
    String amount =
        s < 60
            ? s + " s"
            : s < 3600 ? s / 60 + " min" : s < 48 * 3600 ? s / 3600 + " h" : s / 86400 + " days";
    return future ? "in " + amount : amount + " ago";
  }

  /** A {@code <time>} element: relative text, the exact UTC time as its title and datetime. */
  static String html(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    String exact = then.truncatedTo(ChronoUnit.SECONDS).toString();
    return "<time datetime=\""
        + exact
        + "\" title=\""
        + exact.replace('T', ' ').replace("Z", " UTC")
        + "\">"
        + relative(then, now)
        + "</time>";
  }

  /** Parses a stored ISO-8601 time; null when absent or unreadable. */
  static Instant parse(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
