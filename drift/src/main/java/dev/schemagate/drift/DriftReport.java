package dev.schemagate.drift;

import dev.schemagate.drift.catalog.ObjectKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one drift check found.
 *
 * @param database the target as messages name it ({@code postgresql://host:port/db as user})
 * @param pgMajor the target's (and the replay's) PostgreSQL major version
 * @param replayed the history labels of the phases replayed, in order
 * @param tracks the tracks of the repository, in {@code schemagate.yaml} order
 * @param schemas the schemas compared
 * @param compared how many objects the replayed catalog has
 */
public record DriftReport(
    String database,
    int pgMajor,
    List<String> replayed,
    List<String> tracks,
    List<String> schemas,
    int compared,
    List<Drift> drifts) {

  public DriftReport {
    replayed = List.copyOf(replayed);
    tracks = List.copyOf(tracks);
    schemas = List.copyOf(schemas);
    drifts = List.copyOf(drifts);
  }

  public boolean drifted() {
    return !drifts.isEmpty();
  }

  public List<Drift> of(String track) {
    return drifts.stream().filter(d -> track.equals(d.track())).toList();
  }

  /** Only what is reported under {@code track}. */
  public DriftReport forTrack(String track) {
    return new DriftReport(
        database, pgMajor, replayed, List.of(track), schemas, compared, of(track));
  }

  /** Per track, per object kind: how many objects drifted (the metric's values). */
  public Map<String, Map<ObjectKind, Integer>> counts() {
    Map<String, Map<ObjectKind, Integer>> out = new TreeMap<>();
    for (String t : tracks) {
      Map<ObjectKind, Integer> byKind = new TreeMap<>();
      for (ObjectKind k : ObjectKind.values()) {
        byKind.put(k, 0);
      }
      out.put(t, byKind);
    }
    for (Drift d : drifts) {
      out.computeIfAbsent(d.track(), t -> new TreeMap<>()).merge(d.objectKind(), 1, Integer::sum);
    }
    return out;
  }

  /** {@code 1 missing, 2 extra, 1 different} of the given drifts, or {@code no drift}. */
  public static String countLine(List<Drift> drifts) {
    if (drifts.isEmpty()) {
      return "no drift";
    }
    long missing = drifts.stream().filter(d -> d.kind() == DriftKind.MISSING).count();
    long extra = drifts.stream().filter(d -> d.kind() == DriftKind.EXTRA).count();
    long different = drifts.stream().filter(d -> d.kind() == DriftKind.DIFFERENT).count();
    return drifts.size()
        + " object"
        + (drifts.size() == 1 ? "" : "s")
        + " drifted ("
        + missing
        + " missing, "
        + extra
        + " extra, "
        + different
        + " different)";
  }
}
