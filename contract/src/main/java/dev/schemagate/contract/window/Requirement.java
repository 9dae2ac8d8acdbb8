package dev.schemagate.contract.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A workload's need: the schema of {@code track} as shaped by {@code version}. Written in the pod
 * annotation {@code schemagate.dev/requires: orders@7, users@3}.
 */
public record Requirement(String track, int version) {

  /** The annotation that carries requirements on a pod template. */
  public static final String ANNOTATION = "schemagate.dev/requires";

  private static final Pattern TRACK = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

  public Requirement {
    if (track == null || !TRACK.matcher(track).matches()) {
      throw new IllegalArgumentException("invalid track name \"" + track + "\"");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be a positive integer, got " + version);
    }
  }

  /**
   * Parses one {@code track@version}.
   *
   * @throws IllegalArgumentException quoting the bad value
   */
  public static Requirement parse(String text) {
    String entry = text.trim();
    int at = entry.indexOf('@');
    if (at < 0 || entry.indexOf('@', at + 1) >= 0) {
      throw bad(
          entry, "expected <track>@<version>, several separated by commas, e.g. orders@7, users@3");
    }
    String track = entry.substring(0, at).trim();
    String version = entry.substring(at + 1).trim();
    if (!TRACK.matcher(track).matches()) {
      throw bad(
          entry,
          "track must start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'");
    }
    if (!DIGITS.matcher(version).matches() || Integer.parseInt(version) == 0) {
      throw bad(entry, "version must be a positive integer");
    }
    return new Requirement(track, Integer.parseInt(version));
  }

  /**
   * Parses a comma-separated annotation value such as {@code orders@7, users@3}. A track may appear
   * once.
   *
   * @throws IllegalArgumentException quoting the bad value
   */
  public static List<Requirement> parseAll(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          ANNOTATION + " is empty; expected <track>@<version>[, <track>@<version>…]");
    }
    List<Requirement> all = new ArrayList<>();
    Map<String, Requirement> byTrack = new HashMap<>();
    for (String part : value.split(",", -1)) {
      if (part.isBlank()) {
        throw bad(value.trim(), "empty entry between commas");
      }
      Requirement r = parse(part);
      Requirement earlier = byTrack.putIfAbsent(r.track(), r);
      if (earlier != null) {
        throw bad(part.trim(), "track " + r.track() + " is already required as " + earlier);
      }
      all.add(r);
    }
    return List.copyOf(all);
  }

  private static IllegalArgumentException bad(String value, String problem) {
    return new IllegalArgumentException("\"" + value + "\": " + problem);
  }

  @Override
  public String toString() {
    return track + "@" + version;
  }
}
