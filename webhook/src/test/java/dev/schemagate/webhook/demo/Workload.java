package dev.schemagate.webhook.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's live traffic in the demo: two clients reading and renaming customers, each query's
 * latency recorded, with the columns of the app version that runs (orders@4: full_name; orders@5:
 * display_name). A query that fails is counted and its message kept.
 */
final class Workload implements AutoCloseable {

  private static final int CUSTOMERS = 2000;

  private final String url;
  private final List<Thread> clients = new ArrayList<>();
  private final List<Double> latencies = new ArrayList<>();
  private final AtomicInteger errors = new AtomicInteger();
  private volatile String lastError = "";
  private volatile int version;
  private volatile boolean stop;

  private Workload(String url, int version) {
    this.url = url;
    this.version = version;
  }

  static Workload start(String url, int version) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO customers (email, full_name) SELECT 'c' || g || '@shop.example', 'Customer ' || g"
              + " FROM generate_series(1, "
              + CUSTOMERS
              + ") g");
    }
    Workload w = new Workload(url, version);
    for (int i = 0; i < 2; i++) {
      Thread t = new Thread(w::client, "demo-workload-" + i);
      t.setDaemon(true);
      t.start();
      w.clients.add(t);
    }
    return w;
  }

  void switchTo(int version) {
    this.version = version;
  }

  int errors() {
    return errors.get();
  }

  private void client() {
    try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
      while (!stop) {
        int v = version;
        String column = v >= 5 ? "display_name" : "full_name";
        long id = ThreadLocalRandom.current().nextLong(1, CUSTOMERS + 1);
        boolean write = ThreadLocalRandom.current().nextInt(10) < 3;
        String sql =
            write
                ? "UPDATE customers SET " + column + " = " + column + " WHERE id = ?"
                : "SELECT " + column + " FROM customers WHERE id = ?";
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, id);
          ps.execute();
          record((System.nanoTime() - t0) / 1e6);
        } catch (SQLException e) {
          errors.incrementAndGet();
          lastError = "orders@" + v + " query failed: " + e.getMessage();
        }
        Thread.sleep(5);
      }
    } catch (SQLException e) {
      errors.incrementAndGet();
      lastError = "connection failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void record(double ms) {
    latencies.add(ms);
  }

  /** The latency figures since the last call. */
  synchronized String window() {
    List<Double> l = new ArrayList<>(latencies);
    latencies.clear();
    if (l.isEmpty()) {
      return "no query completed; errors " + errors.get() + " " + lastError;
    }
    l.sort(Double::compare);
    return String.format(
        Locale.ROOT,
        "%d queries (app orders@%d), p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors so far %d%s",
        l.size(),
        version,
        l.get(l.size() / 2),
        l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1)),
        l.get(l.size() - 1),
        errors.get(),
        lastError.isEmpty() ? "" : " (last: " + lastError + ")");
  }

  @Override
  public void close() {
    stop = true;
    for (Thread t : clients) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
