package dev.schemagate.rehearsal;

import java.util.Map;

/**
 * How many synthetic rows one table gets, and the column profiles to match (empty without a stats
 * file).
 *
 * @param rows the rows to insert (already scaled)
 */
public record FillPlan(LiveTable table, long rows, Map<String, ColumnProfile> profiles) {

  public FillPlan {
    profiles = Map.copyOf(profiles);
  }

  public ColumnProfile profile(String column) {
    return profiles.getOrDefault(column, ColumnProfile.NONE);
  }
}
