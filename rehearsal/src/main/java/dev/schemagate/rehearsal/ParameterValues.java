package dev.schemagate.rehearsal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Values of each {@code table.column} a query's parameter draws from: up to 10,000 sampled from the
 * filled data.
 */
public final class ParameterValues {

  private final Map<String, List<Object>> samples = new HashMap<>();

  public static ParameterValues sample(Connection c, List<WorkloadQuery> queries)
      throws SQLException {
    ParameterValues out = new ParameterValues();
    for (WorkloadQuery q : queries) {
      for (WorkloadQuery.Parameter p : q.parameters()) {
        String key = p.table() + "." + p.column();
        if (out.samples.containsKey(key)) {
          continue;
        }
        List<Object> values = new ArrayList<>();
        String col = SyntheticFill.quote(p.column());
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT "
                        + col
                        + " FROM "
                        + p.table()
                        + " WHERE "
                        + col
                        + " IS NOT NULL ORDER BY random() LIMIT 10000")) {
          while (rs.next()) {
            values.add(rs.getObject(1));
          }
        }
        if (values.isEmpty()) {
          throw new RehearsalException(
              q.source()
                  + ": $"
                  + p.number()
                  + " draws from "
                  + key
                  + ", which has no non-null value after the fill; give "
                  + p.table()
                  + " rows (--rows "
                  + p.table().substring(p.table().indexOf('.') + 1)
                  + "=N)");
        }
        out.samples.put(key, values);
      }
    }
    return out;
  }

  /** A random value for {@code p}. */
  public Object any(WorkloadQuery.Parameter p) {
    List<Object> values = samples.get(p.table() + "." + p.column());
    return values.get(ThreadLocalRandom.current().nextInt(values.size()));
  }

  /** The same value every time (the first sampled), for EXPLAIN before and after a phase. */
  public Object first(WorkloadQuery.Parameter p) {
    return samples.get(p.table() + "." + p.column()).get(0);
  }
}
