package dev.schemagate.drift;

import dev.schemagate.drift.catalog.DbObject;
import dev.schemagate.drift.catalog.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object that is not what Git says it should be.
 *
 * @param expected the object the replayed phases built; null when {@link DriftKind#EXTRA}
 * @param actual the object in the database; null when {@link DriftKind#MISSING}
 * @param track the track it is reported under (the one whose phase created it, or whose schema it
 *     is in)
 */
public record Drift(DriftKind kind, DbObject expected, DbObject actual, String track) {

  public DbObject object() {
    return actual != null ? actual : expected;
  }

  public ObjectKind objectKind() {
    return object().kind();
  }

  /**
   * The attributes that differ: name to {expected, actual}; empty unless {@link
   * DriftKind#DIFFERENT}.
   */
  public Map<String, String[]> differences() {
    Map<String, String[]> out = new TreeMap<>();
    if (kind != DriftKind.DIFFERENT) {
      return out;
    }
    for (String k : expected.attributes().keySet()) {
      String e = expected.attributes().get(k);
      String a = actual.attributes().getOrDefault(k, "none");
      if (!e.equals(a)) {
        out.put(k, new String[] {e, a});
      }
    }
    return out;
  }

  /**
   * One line: what, on which object, expected against found. E.g. {@code column
   * public.orders.amount differs from what the applied phases create: type expected bigint, found
   * integer}.
   */
  public String message() {
    String what = object().kind().id() + " " + object().qualifiedName();
    return switch (kind) {
      case MISSING ->
          what
              + " is missing: the applied phases create it ("
              + summary(expected)
              + "), the database has no such "
              + object().kind().id();
      case EXTRA ->
          what
              + " is extra: the database has it ("
              + summary(actual)
              + "), no applied phase creates it";
      case DIFFERENT -> {
        List<String> parts = new ArrayList<>();
        differences().forEach((k, v) -> parts.add(k + " expected " + v[0] + ", found " + v[1]));
        yield what + " differs from what the applied phases create: " + String.join("; ", parts);
      }
    };
  }

  /** The one thing to do next. */
  public String hint() {
    return switch (kind) {
      case MISSING ->
          "restore it as the migrations define it, or drop it in a new version of track "
              + track
              + " so Git says what the database is";
      case EXTRA ->
          "drop it if it was made by hand, or create it in a new version of track "
              + track
              + " (CREATE … IF NOT EXISTS) so Git says what the database is";
      case DIFFERENT ->
          "undo the hand-made change, or make it in a new version of track "
              + track
              + " so Git says what the database is";
    };
  }

  private static String summary(DbObject o) {
    List<String> parts = new ArrayList<>();
    o.attributes()
        .forEach(
            (k, v) -> {
              if (!v.equals("none")
                  && !v.equals("false")
                  && !k.equals("body md5")
                  && !k.equals("ready")) {
                parts.add(v.equals("true") ? k : k + " " + v);
              }
            });
    String s = String.join(", ", parts);
    return s.length() > 200 ? s.substring(0, 199) + "…" : s;
  }
}
