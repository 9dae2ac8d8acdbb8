package dev.schemagate.runner.plan;

import dev.schemagate.analyzer.repo.PhaseKind;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far {@code apply --to} goes: {@code orders@5} (every phase of versions up to 5) or {@code
 * orders@5.expand} (up to that phase, in apply order).
 */
public record Target(String track, int version, Optional<PhaseKind> phase) {

  private static final Pattern FORM =
      Pattern.compile("([a-z][a-z0-9_-]*)@([0-9]+)(?:\\.([a-z]+))?");

  public static Target parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not <track>@<version>[.<phase>] (e.g. orders@5 or orders@5.expand)");
    }
    int version;
    try {
      version = Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\": version out of range");
    }
    if (version < 1) {
      throw new IllegalArgumentException("\"" + text + "\": versions start at 1");
    }
    Optional<PhaseKind> phase = Optional.empty();
    if (m.group(3) != null) {
      try {
        phase = Optional.of(PhaseKind.fromId(m.group(3)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "\"" + text + "\": phase \"" + m.group(3) + "\" is not expand, backfill or contract");
      }
    }
    return new Target(m.group(1), version, phase);
  }

  /** Whether a phase of this target's track lies at or before the target, in apply order. */
  public boolean includes(int v, PhaseKind p) {
    if (v != version) {
      return v < version;
    }
    return phase.isEmpty() || p.ordinal() <= phase.get().ordinal();
  }

  @Override
  public String toString() {
    return track + "@" + version + phase.map(p -> "." + p.id()).orElse("");
  }
}
