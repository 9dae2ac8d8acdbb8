package dev.schemagate.analyzer.repo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as schemagate writes them everywhere a person types one — {@code schemagate.yaml}
 * ({@code rollout.*}, gates), backfill directives, command-line options — and as messages show
 * them. One syntax for all, so a value that works in one place works in the others.
 */
public final class Durations {

  /** What the error messages suggest. */
  public static final String EXAMPLES = "500ms, 10s, 1.5s, 2m, 2min, 1h";

  private static final Pattern TEXT =
      Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,3}))?\\s*(ms|s|m|min|h)");

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m} or {@code 2min}, {@code 1h} (the
   * units PostgreSQL and Kubernetes write; a fraction to the millisecond), or ISO-8601 ({@code
   * PT30S}).
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) {
      if (t.startsWith("p")) {
        try {
          Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
          if (!d.isNegative()) {
            return d;
          }
        } catch (DateTimeParseException e) {
          // reported below
        }
      }
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration; write e.g. " + EXAMPLES);
    }
    long whole = Long.parseLong(m.group(1));
    String fraction = m.group(2) == null ? "" : m.group(2);
    long millisPerUnit =
        switch (m.group(3)) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m", "min" -> 60_000;
          default -> 3_600_000;
        };
    if (m.group(3).equals("ms") && !fraction.isEmpty()) {
      throw new IllegalArgumentException(
          "\"" + text + "\": fractions of a millisecond are not supported");
    }
    long fractionMillis =
        fraction.isEmpty()
            ? 0
            : Long.parseLong((fraction + "00").substring(0, 3)) * millisPerUnit / 1000;
    return Duration.ofMillis(whole * millisPerUnit + fractionMillis);
  }

  /** {@code 450ms}, {@code 12.3s}, {@code 2m05s}, {@code 1h02m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      long tenths = Math.round(ms / 100.0);
      return tenths % 10 == 0 ? (tenths / 10) + "s" : (tenths / 10) + "." + (tenths % 10) + "s";
    }
    long s = ms / 1_000;
    if (s < 3_600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, (s % 3_600) / 60);
  }
}
