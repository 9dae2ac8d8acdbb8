package dev.schemagate.rehearsal;

import dev.schemagate.runner.workload.WindowStats;
import java.util.List;

/**
 * The rehearsal of one track: what was replayed, filled and measured.
 *
 * @param serverVersion PostgreSQL's {@code server_version}
 * @param settings the durability settings as the server reports them
 * @param replayed the base's phases applied before the fill ({@code orders@1 expand}, …)
 * @param filled one line per filled table
 * @param queries the workload's queries
 * @param baseline the workload before any changed phase
 * @param baselineLockWait the longest lock wait of the baseline (workload queries waiting for each
 *     other)
 */
public record TrackRehearsal(
    String track,
    String serverVersion,
    String settings,
    List<String> replayed,
    List<String> filled,
    List<WorkloadQuery> queries,
    WindowStats baseline,
    java.time.Duration baselineLockWait,
    List<PhaseResult> phases) {

  public TrackRehearsal {
    replayed = List.copyOf(replayed);
    filled = List.copyOf(filled);
    queries = List.copyOf(queries);
    phases = List.copyOf(phases);
  }
}
