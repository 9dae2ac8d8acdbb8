package dev.schemagate.runner.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A session in the way of one of the runner's lock requests, as {@code pg_blocking_pids()} named it
 * while the request waited, with what {@code pg_stat_activity} said of it then.
 *
 * @param transactionStart when its transaction began (null outside a transaction): together with
 *     the pid, what identifies "that transaction" when the runner waits for it to end
 * @param transactionAge how long the transaction had been open when it was seen
 * @param query its current or last statement, on one line, shortened
 */
public record Blocker(
    int pid,
    String application,
    String user,
    String state,
    Instant transactionStart,
    Duration transactionAge,
    String query) {

  private static final int QUERY_CHARS = 80;

  /**
   * {@code pid 4242 (application 'psql', user app, idle in transaction, transaction open 12.3 s,
   * query: SELECT …)}.
   */
  public String describe() {
    String q = query == null ? "" : query.replaceAll("\\s+", " ").trim();
    if (q.length() > QUERY_CHARS) {
      q = q.substring(0, QUERY_CHARS - 3) + "...";
    }
    return "pid "
        + pid
        + " (application '"
        + application
        + "', user "
        + user
        + ", "
        + (state.isEmpty() ? "state unknown" : state)
        + (transactionAge == null
            ? ", no transaction"
            : String.format(
                Locale.ROOT, ", transaction open %.1f s", transactionAge.toMillis() / 1000.0))
        + (q.isEmpty() ? "" : ", query: " + q)
        + ")";
  }

  /** All of them, {@code ; }-separated, or a sentence saying none was seen. */
  public static String describe(List<Blocker> blockers) {
    if (blockers.isEmpty()) {
      return "no blocking session seen (pg_blocking_pids was empty whenever the wait was sampled)";
    }
    return blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
  }
}
