package dev.schemagate.analyzer.lock;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.statement.AlterAction;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lock of {@code SET (…)}/{@code RESET (…)} on a table or an index: SHARE UPDATE EXCLUSIVE
 * unless a parameter needs ACCESS EXCLUSIVE (reloptions.c), or is not known to the model.
 */
public final class StorageParameters {

  /**
   * Storage parameters whose change needs ACCESS EXCLUSIVE (reloptions.c); the others take SHARE
   * UPDATE EXCLUSIVE.
   */
  private static final Set<String> ACCESS_EXCLUSIVE_OPTIONS =
      Set.of("user_catalog_table", "check_option", "security_barrier", "security_invoker");

  private static final Set<String> SHARE_UPDATE_EXCLUSIVE_OPTIONS =
      Set.of(
          "fillfactor",
          "toast_tuple_target",
          "parallel_workers",
          "vacuum_index_cleanup",
          "vacuum_truncate",
          "log_autovacuum_min_duration",
          "deduplicate_items",
          "fastupdate",
          "gin_pending_list_limit",
          "buffering",
          "pages_per_range",
          "autosummarize",
          "vacuum_max_eager_freeze_failure_rate");

  private StorageParameters() {}

  /** The lock of one SET/RESET options action; what the model cannot read goes to {@code note}. */
  public static LockMode lock(AlterAction a, Consumer<String> note) {
    if (a.column() != null) {
      return SHARE_UPDATE_EXCLUSIVE; // ALTER COLUMN SET (n_distinct …): attribute options
    }
    String raw = a.raw() == null ? "" : a.raw().toLowerCase(Locale.ROOT);
    int open = raw.indexOf('(');
    int close = raw.lastIndexOf(')');
    if (open < 0 || close < open) {
      note.accept("storage parameters not readable: assumed ACCESS EXCLUSIVE");
      return ACCESS_EXCLUSIVE;
    }
    LockMode mode = SHARE_UPDATE_EXCLUSIVE;
    for (String item : raw.substring(open + 1, close).split(",")) {
      String name = item.split("=")[0].trim();
      String base = name.startsWith("toast.") ? name.substring(6) : name;
      if (ACCESS_EXCLUSIVE_OPTIONS.contains(base)) {
        mode = ACCESS_EXCLUSIVE;
      } else if (!SHARE_UPDATE_EXCLUSIVE_OPTIONS.contains(base)
          && !base.startsWith("autovacuum_")) {
        note.accept(
            "storage parameter " + name + " not known to the model: assumed ACCESS EXCLUSIVE");
        mode = ACCESS_EXCLUSIVE;
      }
    }
    return mode;
  }
}
