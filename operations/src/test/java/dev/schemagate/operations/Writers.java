package dev.schemagate.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Application code of one shape writing while phases run: one thread, one connection, a loop of
 * {@link Step}s until stopped. Each write it makes is recorded in the shared model of what every
 * row must hold (key → value) after it commits, and every failure is kept with its message. Rows a
 * writer updates are its own (by key parity), so the model's last value per key is exact.
 */
final class Writers implements AutoCloseable {

  /**
   * One write; returns the key written and the value it now holds, or null when it wrote nothing.
   */
  interface Step {
    Map.Entry<Long, String> run(Connection c, long n) throws SQLException;
  }

  final Map<Long, String> model;
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> threads = new ArrayList<>();
  private final List<AtomicBoolean> stops = new ArrayList<>();
  private final List<AtomicLong> counts = new ArrayList<>();
  final AtomicLong writes = new AtomicLong();
  private final OperationRun run;

  Writers(OperationRun run, Map<Long, String> model) {
    this.run = run;
    this.model = model;
  }

  static Map<Long, String> model() {
    return new ConcurrentHashMap<>();
  }

  /** Starts a writer; {@link #stop(int)} with the returned index stops it and waits for it. */
  int start(String name, Step step) {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    Thread t =
        new Thread(
            () -> {
              try (Connection c = run.connect()) {
                long n = 0;
                while (!stop.get()) {
                  n++;
                  try {
                    Map.Entry<Long, String> w = step.run(c, n);
                    if (w != null) {
                      model.put(w.getKey(), w.getValue());
                      writes.incrementAndGet();
                      count.incrementAndGet();
                    }
                  } catch (SQLException | RuntimeException e) {
                    // a bug of the test's own code counts too: a writer that died silently would
                    // look idle
                    failures.add(name + " #" + n + ": " + e);
                  }
                }
              } catch (SQLException e) {
                failures.add(name + ": cannot connect: " + e.getMessage());
              }
            },
            name);
    threads.add(t);
    stops.add(stop);
    counts.add(count);
    t.start();
    return threads.size() - 1;
  }

  void stop(int index) throws InterruptedException {
    stops.get(index).set(true);
    threads.get(index).join();
  }

  /**
   * Waits until the writers together made {@code more} further writes: the phase ran under load.
   */
  void awaitWrites(long more) throws InterruptedException {
    long target = writes.get() + more;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (writes.get() < target && System.nanoTime() < deadline && failures.isEmpty()) {
      Thread.sleep(5);
    }
  }

  /**
   * Waits until every writer still running made {@code more} further writes, and fails naming the
   * first that did not within a minute: that shape of code does not work at this point.
   */
  void awaitEachRunning(long more) throws InterruptedException {
    for (int i = 0; i < threads.size(); i++) {
      if (stops.get(i).get()) {
        continue;
      }
      long target = counts.get(i).get() + more;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (counts.get(i).get() < target && failures.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              threads.get(i).getName()
                  + " made "
                  + (more - (target - counts.get(i).get()))
                  + " of "
                  + more
                  + " writes in 60 s, failures: "
                  + failures);
        }
        Thread.sleep(5);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = 0; i < threads.size(); i++) {
      stop(i);
    }
  }

  /**
   * Fails with the first keys that differ between what the writers wrote and what the table holds.
   */
  static void assertHolds(Map<Long, String> model, Map<Long, String> table) {
    java.util.List<String> diffs = new ArrayList<>();
    java.util.TreeSet<Long> keys = new java.util.TreeSet<>(model.keySet());
    keys.addAll(table.keySet());
    for (Long k : keys) {
      if (!java.util.Objects.equals(model.get(k), table.get(k))) {
        diffs.add(k + ": wrote " + model.get(k) + ", table has " + table.get(k));
      }
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(),
        diffs.subList(0, Math.min(10, diffs.size())),
        diffs.size() + " of " + keys.size() + " rows differ");
  }
}
