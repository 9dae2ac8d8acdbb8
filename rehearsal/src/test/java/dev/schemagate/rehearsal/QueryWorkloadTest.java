package dev.schemagate.rehearsal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class QueryWorkloadTest {

  @Test
  void aSlowQueryCountsTheQueriesAClientAtTheBaselinePaceWouldHaveWaitedFor() {
    // interval 10: a 45 wait also stands for the queries issued at 35, 25 and 15 behind it
    assertArrayEquals(
        new long[] {1, 2, 15, 25, 35, 45}, QueryWorkload.corrected(new long[] {1, 2, 45}, 10));
    assertArrayEquals(new long[] {1, 2, 45}, QueryWorkload.corrected(new long[] {1, 2, 45}, 0));
  }
}
