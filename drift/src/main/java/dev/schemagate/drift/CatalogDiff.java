package dev.schemagate.drift;

import dev.schemagate.drift.catalog.Catalog;
import dev.schemagate.drift.catalog.DbObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The differences between the replayed catalog and the live one. An object missing under one name
 * and present under another with exactly the same attributes, on the same table, is the same object
 * under another generated name (an index PostgreSQL named {@code orders_status_idx1} because the
 * name was taken at the time) and is not drift.
 */
public final class CatalogDiff {

  private CatalogDiff() {}

  /**
   * @param trackOf the track to report an object under
   */
  public static List<Drift> of(
      Catalog expected, Catalog actual, Function<DbObject, String> trackOf) {
    List<DbObject> missing = new ArrayList<>();
    List<DbObject> extra = new ArrayList<>();
    List<Drift> out = new ArrayList<>();
    for (DbObject e : expected.list()) {
      DbObject a = actual.objects().get(e.key());
      if (a == null) {
        missing.add(e);
      } else if (!a.attributes().equals(e.attributes())) {
        out.add(new Drift(DriftKind.DIFFERENT, e, a, trackOf.apply(e)));
      }
    }
    for (DbObject a : actual.list()) {
      if (!expected.objects().containsKey(a.key())) {
        extra.add(a);
      }
    }
    for (Iterator<DbObject> it = missing.iterator(); it.hasNext(); ) {
      DbObject m = it.next();
      DbObject renamed = extra.stream().filter(x -> sameButName(m, x)).findFirst().orElse(null);
      if (renamed != null) {
        extra.remove(renamed);
        it.remove();
      }
    }
    missing.forEach(m -> out.add(new Drift(DriftKind.MISSING, m, null, trackOf.apply(m))));
    extra.forEach(x -> out.add(new Drift(DriftKind.EXTRA, null, x, trackOf.apply(x))));
    out.sort(
        Comparator.comparing((Drift d) -> d.track() == null ? "" : d.track())
            .thenComparing(d -> d.object().kind())
            .thenComparing(d -> d.object().qualifiedName())
            .thenComparing(Drift::kind));
    return out;
  }

  private static boolean sameButName(DbObject a, DbObject b) {
    return a.kind() == b.kind()
        && a.schema().equals(b.schema())
        && Objects.equals(a.table(), b.table())
        && a.attributes().equals(b.attributes());
  }
}
