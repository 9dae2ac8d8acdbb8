package dev.schemagate.drift.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects of some schemas of one database, by {@link DbObject#key()}. */
public record Catalog(Map<String, DbObject> objects) {

  public Catalog {
    objects = Map.copyOf(objects);
  }

  public static Catalog of(Collection<DbObject> objects) {
    Map<String, DbObject> byKey = new LinkedHashMap<>();
    for (DbObject o : objects) {
      byKey.put(o.key(), o);
    }
    return new Catalog(byKey);
  }

  public Set<String> keys() {
    return objects.keySet();
  }

  public List<DbObject> list() {
    return List.copyOf(objects.values());
  }
}
