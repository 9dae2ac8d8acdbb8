package dev.schemagate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void returnsTheFirstAcceptedValueAfterTheProbeThrewAndReadOthers() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    int seen =
        Await.value(
            "the third read",
            Duration.ofSeconds(5),
            () -> {
              int n = reads.incrementAndGet();
              if (n == 1) {
                throw new IOException("connection refused");
              }
              return n;
            },
            n -> n >= 3);
    assertEquals(3, seen);
  }

  @Test
  void failsAfterItsTimeNamingWhatAndTheLastValue() {
    AtomicInteger reads = new AtomicInteger();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Await.value(
                    "orders to be empty",
                    Duration.ofMillis(150),
                    reads::incrementAndGet,
                    n -> n < 0));
    assertTrue(
        e.getMessage().startsWith("orders to be empty: not within 150 ms; last seen: "),
        e.getMessage());
    assertTrue(reads.get() >= 2, "it polled more than once: " + reads.get());
    assertTrue(e.getMessage().endsWith(": " + reads.get()), e.getMessage());
  }

  @Test
  void aConditionThatKeepsThrowingFailsWithTheExceptionAsCause() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Await.until(
                    "the server to answer",
                    Duration.ofMillis(100),
                    () -> {
                      throw new IOException("connection refused");
                    }));
    assertTrue(
        e.getMessage().endsWith("last seen: IOException: connection refused"), e.getMessage());
    assertInstanceOf(IOException.class, e.getCause());
  }
}
