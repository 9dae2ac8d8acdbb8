package dev.schemagate.rehearsal;

import dev.schemagate.runner.workload.WindowStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that run the rehearsal's queries in a loop (picked at random by weight, parameters drawn
 * from the data) and time each one per window: "baseline", then one window per phase. A query
 * counts in the window it started in, with its whole latency; a stall (no client completes any
 * query) is seen in completions, whichever window the queries started in — the figures of {@link
 * dev.schemagate.runner.workload.Workload}, for many queries instead of one.
 *
 * <p>The clients are closed-loop: a client blocked for 3 s issues one slow query where an
 * application serving requests at the baseline's pace would have issued thousands, so the
 * percentiles are corrected for this coordinated omission as HdrHistogram's {@code
 * recordValueWithExpectedInterval} does: a latency L above the baseline's mean interval I between
 * one client's queries also counts L - I, L - 2I, … down to I.
 */
public final class QueryWorkload implements AutoCloseable {

  /** The workload sessions' application_name (the lock-wait sampler finds them by it). */
  static final String APPLICATION = "schemagate rehearsal workload";

  /** Where the clients' connections come from. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final List<WorkloadQuery> queries;
  private final double[] cumulative;
  private final ParameterValues values;
  private final List<Client> clients = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<long[]> bounds = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile int window = -1;

  private QueryWorkload(List<WorkloadQuery> queries, ParameterValues values) {
    this.queries = List.copyOf(queries);
    this.values = values;
    this.cumulative = new double[queries.size()];
    double sum = 0;
    for (int i = 0; i < queries.size(); i++) {
      sum += queries.get(i).weight();
      cumulative[i] = sum;
    }
  }

  /** Opens {@code clients} connections and starts them in window {@code first}. */
  public static QueryWorkload start(
      Connector connector,
      List<WorkloadQuery> queries,
      ParameterValues values,
      int clients,
      Duration statementTimeout,
      String first)
      throws SQLException {
    if (queries.isEmpty()) {
      throw new RehearsalException(
          "the workload has no query: give --queries FILE or a table for the default point reads and updates");
    }
    QueryWorkload w = new QueryWorkload(queries, values);
    w.window(first);
    for (int i = 0; i < clients; i++) {
      Connection c = connector.open();
      try (Statement s = c.createStatement()) {
        s.execute("SET application_name = '" + APPLICATION + "'");
        s.execute("SET statement_timeout = " + statementTimeout.toMillis());
      }
      w.clients.add(w.new Client(c, i));
    }
    w.clients.forEach(cl -> cl.thread.start());
    return w;
  }

  /** Ends the current window and starts {@code name}. */
  public synchronized void window(String name) {
    long now = System.nanoTime();
    if (!bounds.isEmpty()) {
      bounds.get(bounds.size() - 1)[1] = now;
    }
    names.add(name);
    bounds.add(new long[] {now, -1});
    window = names.size() - 1;
  }

  /**
   * Waits until every client completed at least {@code n} queries in the current window (the
   * baseline is measured, not assumed).
   */
  public void awaitQueries(long n, Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    int w = window;
    while (System.nanoTime() < deadline) {
      if (clients.stream().allMatch(c -> c.completedIn(w) >= n)) {
        return;
      }
      Thread.sleep(20);
    }
  }

  /** Stops the clients and returns the figures of every window, in order. */
  public synchronized List<WindowStats> stop() throws InterruptedException {
    if (!stop.get()) {
      bounds.get(bounds.size() - 1)[1] = System.nanoTime();
      stop.set(true);
      for (Client c : clients) {
        c.thread.join();
      }
    }
    List<WindowStats> out = new ArrayList<>();
    WindowStats first = stats(0, 0);
    long interval =
        first.queries() == 0 ? 0 : first.length().toNanos() * clients.size() / first.queries();
    for (int w = 0; w < names.size(); w++) {
      out.add(stats(w, interval));
    }
    return out;
  }

  /**
   * At most this many samples are added for coordinated omission per window (bounds the memory of a
   * long stall).
   */
  static final long MAX_ADDED = 20_000_000;

  /**
   * {@code sorted} with the samples a client running at {@code interval} would have seen during
   * each slow query.
   */
  static long[] corrected(long[] latencies, long interval) {
    if (interval <= 0) {
      return latencies;
    }
    long added = 0;
    for (long l : latencies) {
      added += Math.max(0, l / interval - 1);
    }
    added = Math.min(added, MAX_ADDED);
    long[] out = Arrays.copyOf(latencies, (int) (latencies.length + added));
    int i = latencies.length;
    for (long l : latencies) {
      for (long v = l - interval; v >= interval && i < out.length; v -= interval) {
        out[i++] = v;
      }
    }
    Arrays.sort(out);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (!stop.get()) {
      stop();
    }
  }

  private WindowStats stats(int w, long interval) {
    long start = bounds.get(w)[0];
    long end = bounds.get(w)[1];
    int n = 0;
    long errors = 0;
    Set<String> messages = new LinkedHashSet<>();
    for (Client c : clients) {
      Samples s = c.of(w);
      n += s.size;
      errors += s.errors;
      messages.addAll(s.messages);
    }
    long[] latencies = new long[n];
    int i = 0;
    for (Client c : clients) {
      Samples s = c.of(w);
      System.arraycopy(s.latency, 0, latencies, i, s.size);
      i += s.size;
    }
    long[] completions =
        clients.stream()
            .flatMapToLong(
                c -> c.samples.stream().flatMapToLong(s -> Arrays.stream(s.completedAt, 0, s.size)))
            .filter(t -> t >= start && t <= end)
            .toArray();
    Arrays.sort(latencies);
    long[] pct = corrected(latencies, interval);
    Arrays.sort(completions);
    long stall = WindowStats.longestStall(completions, start, end);
    return new WindowStats(
        names.get(w),
        Duration.ofNanos(end - start),
        n,
        errors,
        Duration.ofNanos(WindowStats.percentile(pct, 0.50)),
        Duration.ofNanos(WindowStats.percentile(pct, 0.99)),
        Duration.ofNanos(n == 0 ? 0 : latencies[n - 1]),
        Duration.ofNanos(stall),
        // The listed queries are the user's SQL, not told apart as reads and writes: no writes' p99
        // (the rehearsal report never prints it).
        Duration.ZERO,
        messages.stream().limit(5).toList());
  }

  /** One window's measurements of one client (only that client's thread writes them). */
  private static final class Samples {
    long[] latency = new long[4096];
    long[] completedAt = new long[4096];
    volatile int size;
    long errors;
    final Set<String> messages = new LinkedHashSet<>();

    void add(long started, long completed) {
      if (size == latency.length) {
        latency = Arrays.copyOf(latency, size * 2);
        completedAt = Arrays.copyOf(completedAt, size * 2);
      }
      latency[size] = completed - started;
      completedAt[size] = completed;
      size++;
    }
  }

  private final class Client {
    final Connection connection;
    final Thread thread;
    final List<Samples> samples = new java.util.concurrent.CopyOnWriteArrayList<>();

    Client(Connection connection, int index) {
      this.connection = connection;
      this.thread = new Thread(this::loop, "rehearsal-workload-" + index);
      this.thread.setDaemon(true);
    }

    Samples of(int w) {
      return w < samples.size() ? samples.get(w) : new Samples();
    }

    long completedIn(int w) {
      return of(w).size;
    }

    private Samples current(int w) {
      while (samples.size() <= w) {
        samples.add(new Samples());
      }
      return samples.get(w);
    }

    private int pick() {
      double r = ThreadLocalRandom.current().nextDouble() * cumulative[cumulative.length - 1];
      for (int i = 0; i < cumulative.length; i++) {
        if (r < cumulative[i]) {
          return i;
        }
      }
      return cumulative.length - 1;
    }

    private void loop() {
      try (Connection c = connection) {
        List<PreparedStatement> statements = new ArrayList<>();
        for (WorkloadQuery q : queries) {
          statements.add(c.prepareStatement(q.jdbcSql()));
        }
        while (!stop.get()) {
          int qi = pick();
          WorkloadQuery q = queries.get(qi);
          PreparedStatement ps = statements.get(qi);
          int startedIn = window;
          long t0 = System.nanoTime();
          String error = null;
          try {
            Map<Integer, Object> drawn = new HashMap<>();
            List<Integer> positions = q.positions();
            for (int i = 0; i < positions.size(); i++) {
              int n = positions.get(i);
              ps.setObject(
                  i + 1, drawn.computeIfAbsent(n, k -> values.any(q.parameters().get(k - 1))));
            }
            if (ps.execute()) {
              try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                  // read the rows
                }
              }
            }
          } catch (SQLException e) {
            error =
                q.source()
                    + ": "
                    + e.getSQLState()
                    + ": "
                    + SyntheticFill.firstLine(e.getMessage());
            if (c.isClosed()) {
              break;
            }
          }
          long t1 = System.nanoTime();
          Samples s = current(startedIn);
          s.add(t0, t1);
          if (error != null) {
            s.errors++;
            if (s.messages.size() < 5) {
              s.messages.add(error);
            }
          }
        }
      } catch (SQLException e) {
        // the connection failed: the windows show what the client completed until then
      }
    }
  }
}
