package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a batch is split for parallel evaluation: by statement count, never into tiny chunks. */
class PolicyEngineChunksTest {

  private static List<JsonNode> files(int... statements) {
    List<JsonNode> out = new ArrayList<>();
    for (int n : statements) {
      ObjectNode input = JsonNodeFactory.instance.objectNode();
      var list = input.putArray("statements");
      for (int i = 0; i < n; i++) {
        list.addObject().put("index", i);
      }
      out.add(input);
    }
    return out;
  }

  @Test
  void balancesStatementsNotFiles() {
    // 100 statements in the first file, 20 files of 4 after it: weights 101 and 20 × 5.
    int[] sizes = new int[21];
    sizes[0] = 100;
    for (int i = 1; i < sizes.length; i++) {
      sizes[i] = 4;
    }
    assertArrayEquals(new int[] {0, 1, 21}, PolicyEngine.chunks(files(sizes), 2));
  }

  @Test
  void evenFilesSplitEvenly() {
    assertArrayEquals(new int[] {0, 2, 4, 6}, PolicyEngine.chunks(files(40, 40, 40, 40, 40, 40), 3));
  }

  @Test
  void smallBatchesStayInOneChunk() {
    assertArrayEquals(new int[] {0, 3}, PolicyEngine.chunks(files(5, 5, 5), 2));
    assertArrayEquals(new int[] {0, 1}, PolicyEngine.chunks(files(500), 4));
    assertArrayEquals(new int[] {0, 2}, PolicyEngine.chunks(files(50, 50), 1));
  }

  @Test
  void noMoreChunksThanTheStatementsAllow() {
    // 70 statements + 2 files = weight 72: two chunks of at least 32.
    assertArrayEquals(new int[] {0, 1, 2}, PolicyEngine.chunks(files(35, 35), 8));
  }

  @Test
  void largeBatchesSplitIntoManyChunksForTheThreadsToTakeInTurn() {
    // 10 files of 99 statements: weight 1000, so 10 chunks of ~CHUNK_STATEMENTS for 2 threads.
    int[] sizes = new int[10];
    java.util.Arrays.fill(sizes, PolicyEngine.CHUNK_STATEMENTS - 1);
    List<JsonNode> inputs = files(sizes);
    assertEquals(10, PolicyEngine.chunkCount(inputs, 2));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, PolicyEngine.chunks(inputs, 10));
    // Never fewer chunks than threads, as far as the statements allow.
    assertEquals(4, PolicyEngine.chunkCount(files(40, 40, 40, 40), 4));
  }

  @Test
  void parallelismBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PolicyEngine.builder().parallelism(0));
  }
}
