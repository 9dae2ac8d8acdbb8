package dev.schemagate.rehearsal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The longest lock wait of the workload's sessions per window, read from {@code pg_stat_activity}
 * every 10 ms: a workload session whose {@code wait_event_type} is {@code Lock} has waited since
 * its query started ({@code clock_timestamp() - query_start}; its queries take well under a
 * millisecond otherwise). Unlike a gap in completions, a busy CPU cannot look like a lock wait. The
 * figure is low by at most one sampling interval.
 */
final class LockWaitSampler implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofMillis(10);

  private final Connection connection;
  private final Thread thread;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Long> longestNanos = new ArrayList<>();
  private volatile int window;
  private volatile SQLException failure;

  LockWaitSampler(Connection connection) {
    this.connection = connection;
    synchronized (longestNanos) {
      longestNanos.add(0L);
    }
    this.thread = new Thread(this::loop, "rehearsal-lock-waits");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Starts the next window (in step with {@link QueryWorkload#window}). */
  void nextWindow() {
    synchronized (longestNanos) {
      longestNanos.add(0L);
      window = longestNanos.size() - 1;
    }
  }

  private void loop() {
    try (Statement s = connection.createStatement()) {
      while (!stop.get()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start)), 0) FROM pg_stat_activity"
                    + " WHERE application_name = '"
                    + QueryWorkload.APPLICATION
                    + "' AND wait_event_type = 'Lock'")) {
          rs.next();
          long nanos = Math.round(rs.getDouble(1) * 1e9);
          synchronized (longestNanos) {
            int w = window;
            longestNanos.set(w, Math.max(longestNanos.get(w), nanos));
          }
        }
        Thread.sleep(INTERVAL.toMillis());
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sampling; the longest lock wait of each window, in order. */
  List<Duration> stop() throws InterruptedException {
    stop.set(true);
    thread.join();
    if (failure != null) {
      throw new RehearsalException(
          "reading the workload's lock waits from pg_stat_activity failed: " + failure.getMessage(),
          failure);
    }
    synchronized (longestNanos) {
      return longestNanos.stream().map(Duration::ofNanos).toList();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (!stop.get()) {
      stop.set(true);
      thread.join();
    }
  }
}
