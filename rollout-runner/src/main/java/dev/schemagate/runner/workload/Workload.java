package dev.schemagate.runner.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent clients reading and writing the tables being migrated, timing every query per window.
 * {@link #window(String)} starts the next window ("before", "during", "after"); {@link #stop()}
 * ends the last and returns one {@link WindowStats} per window. Runnable on its own through {@link
 * WorkloadMain}; docs/runner-backfill.md#workload-tool.
 */
public final class Workload implements AutoCloseable {

  /** Where the clients' connections come from (one per client, kept for the whole run). */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final WorkloadConfig config;
  private final List<Object> keys;

  /** The next key an insert gets: above the table's largest when the workload started. */
  private final java.util.concurrent.atomic.AtomicLong nextKey;

  private final List<Client> clients = new ArrayList<>();
  private final List<String> windowNames = new ArrayList<>();
  private final List<long[]> windowBounds = new ArrayList<>(); // {startNanos, endNanos}
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile int window = -1;

  private Workload(WorkloadConfig config, List<Object> keys, long lastKey) {
    this.config = config;
    this.keys = keys;
    this.nextKey = new java.util.concurrent.atomic.AtomicLong(lastKey + 1);
  }

  /**
   * Samples up to 10,000 keys of the table, opens the clients and starts them in window {@code
   * first}.
   */
  public static Workload start(Connector connector, WorkloadConfig config, String first)
      throws SQLException {
    List<Object> keys = new ArrayList<>();
    try (Connection c = connector.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + config.key()
                    + " FROM "
                    + config.table()
                    + " ORDER BY random() LIMIT 10000")) {
      while (rs.next()) {
        keys.add(rs.getObject(1));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "workload: table " + config.table() + " has no rows to read and write");
    }
    long lastKey = 0;
    if (config.insertRatio() > 0) {
      try (Connection c = connector.open();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT max(" + config.key() + ") FROM " + config.table())) {
        rs.next();
        try {
          lastKey = rs.getLong(1);
        } catch (SQLException e) {
          throw new IllegalArgumentException(
              "workload: inserts need an integer key, but "
                  + config.table()
                  + "."
                  + config.key()
                  + " is not one ("
                  + e.getMessage()
                  + "); run without inserts",
              e);
        }
      }
    }
    Workload w = new Workload(config, keys, lastKey);
    w.window(first);
    for (int i = 0; i < config.clients(); i++) {
      Connection c = connector.open();
      try (Statement s = c.createStatement()) {
        s.execute("SET application_name = 'schemagate workload'");
        s.execute("SET statement_timeout = " + config.statementTimeout().toMillis());
      }
      Client client = w.new Client(c, i);
      w.clients.add(client);
    }
    w.clients.forEach(Client::begin);
    return w;
  }

  /** Ends the current window and starts {@code name}. */
  public synchronized void window(String name) {
    long now = System.nanoTime();
    if (!windowBounds.isEmpty()) {
      windowBounds.get(windowBounds.size() - 1)[1] = now;
    }
    windowNames.add(name);
    windowBounds.add(new long[] {now, -1});
    window = windowNames.size() - 1;
  }

  /** Stops the clients, ends the last window and returns the figures of every window, in order. */
  public synchronized List<WindowStats> stop() throws InterruptedException {
    long end = System.nanoTime();
    windowBounds.get(windowBounds.size() - 1)[1] = end;
    stop.set(true);
    for (Client c : clients) {
      c.thread.join();
    }
    List<WindowStats> out = new ArrayList<>();
    for (int w = 0; w < windowNames.size(); w++) {
      out.add(stats(w));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (!stop.get()) {
      stop();
    }
  }

  private WindowStats stats(int w) {
    long start = windowBounds.get(w)[0];
    long end = windowBounds.get(w)[1];
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
    long[] writes = new long[n];
    int i = 0;
    int nw = 0;
    for (Client c : clients) {
      Samples s = c.of(w);
      System.arraycopy(s.latency, 0, latencies, i, s.size);
      i += s.size;
      for (int k = 0; k < s.size; k++) {
        if (s.write[k]) {
          writes[nw++] = s.latency[k];
        }
      }
    }
    writes = Arrays.copyOf(writes, nw);
    Arrays.sort(writes);
    // A stall is seen in completions, whichever window the queries started in.
    long[] completions =
        clients.stream()
            .flatMapToLong(
                c -> c.samples.stream().flatMapToLong(s -> Arrays.stream(s.completedAt, 0, s.size)))
            .filter(t -> t >= start && t <= end)
            .toArray();
    Arrays.sort(latencies);
    Arrays.sort(completions);
    long stall = WindowStats.longestStall(completions, start, end);
    return new WindowStats(
        windowNames.get(w),
        Duration.ofNanos(end - start),
        n,
        errors,
        Duration.ofNanos(WindowStats.percentile(latencies, 0.50)),
        Duration.ofNanos(WindowStats.percentile(latencies, 0.99)),
        Duration.ofNanos(n == 0 ? 0 : latencies[n - 1]),
        Duration.ofNanos(stall),
        Duration.ofNanos(WindowStats.percentile(writes, 0.99)),
        messages.stream().limit(5).toList());
  }

  /** One window's measurements of one client (only that client's thread writes them). */
  private static final class Samples {
    long[] latency = new long[4096];
    long[] completedAt = new long[4096];
    boolean[] write = new boolean[4096];
    int size;
    long errors;
    final Set<String> messages = new LinkedHashSet<>();

    void add(long started, long completed, boolean isWrite) {
      if (size == latency.length) {
        latency = Arrays.copyOf(latency, size * 2);
        completedAt = Arrays.copyOf(completedAt, size * 2);
        write = Arrays.copyOf(write, size * 2);
      }
      latency[size] = completed - started;
      completedAt[size] = completed;
      write[size] = isWrite;
      size++;
    }
  }

  private final class Client {
    final Connection connection;
    final Thread thread;
    final List<Samples> samples = new ArrayList<>();

    Client(Connection connection, int index) {
      this.connection = connection;
      this.thread = new Thread(this::loop, "workload-client-" + index);
      this.thread.setDaemon(true);
    }

    void begin() {
      thread.start();
    }

    /** The samples of window {@code w}; empty when this client completed nothing in it. */
    Samples of(int w) {
      return w < samples.size() ? samples.get(w) : new Samples();
    }

    private Samples current(int w) {
      while (samples.size() <= w) {
        samples.add(new Samples());
      }
      return samples.get(w);
    }

    private void loop() {
      try (Connection c = connection;
          PreparedStatement read = c.prepareStatement(config.readSql());
          PreparedStatement write = c.prepareStatement(config.writeSql());
          PreparedStatement insert =
              config.insertRatio() > 0 ? c.prepareStatement(config.insert()) : null) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
          double dice = r.nextDouble();
          boolean isInsert = dice < config.insertRatio();
          boolean isWrite = isInsert || dice < config.insertRatio() + config.writeRatio();
          PreparedStatement ps = isInsert ? insert : isWrite ? write : read;
          Object key =
              isInsert ? (Object) nextKey.getAndIncrement() : keys.get(r.nextInt(keys.size()));
          int startedIn = window;
          long t0 = System.nanoTime();
          String error = null;
          try {
            ps.setObject(1, key);
            if (isWrite) {
              ps.executeUpdate();
            } else {
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  // read the row
                }
              }
            }
          } catch (SQLException e) {
            error = e.getSQLState() + ": " + e.getMessage();
          }
          long t1 = System.nanoTime();
          // the window the query started in: a query blocked by the migration counts in "during"
          Samples s = current(startedIn);
          s.add(t0, t1, isWrite);
          if (error != null) {
            s.errors++;
            if (s.messages.size() < 5) {
              s.messages.add(error);
            }
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("workload client: " + e.getMessage(), e);
      }
    }
  }

  /** The figures as a table, one row per window. */
  public static String table(List<WindowStats> windows) {
    StringBuilder sb = new StringBuilder(WindowStats.header()).append('\n');
    for (WindowStats w : windows) {
      sb.append(w.row()).append('\n');
      for (String e : w.firstErrors()) {
        sb.append("           error: ").append(e).append('\n');
      }
    }
    return sb.toString();
  }

  /** Sleeps, for drivers of windows. */
  public static void hold(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
