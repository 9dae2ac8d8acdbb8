package dev.schemagate.cli.watch;

import dev.schemagate.analyzer.repo.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations ({@link Durations}: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601) and
 * sizes as the options take them.
 */
final class DurationText {

  private DurationText() {}

  static Duration parse(String text, String option) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " " + text + ": expected a duration such as 30s, 5m, 1h or 500ms");
    }
  }

  /** {@code 8MiB}, {@code 512KiB}, {@code 1000000}: a size in bytes. */
  static long bytes(String text, String option) {
    Matcher m =
        Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?")
            .matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " " + text + ": expected a size such as 8MiB, 512KiB or 1000000");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> n * 1024;
      case 'm' -> n * 1024 * 1024;
      case 'g' -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }
}
