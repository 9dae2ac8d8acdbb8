package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a batch is cut for streaming evaluation: a chunk closes as soon as its files hold about
 * {@link PolicyEngine#CHUNK_STATEMENTS} statements, counted by statements, not files; what is left
 * at the end is the last chunk.
 */
class PolicyEngineChunksTest {
  private static PolicyEngine engine;

  @BeforeAll
  static void load() {
    engine = PolicyEngine.builder().parallelism(2).build();
  }

  private static JsonNode file(int statements) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.putObject("file").put("path", "f.sql");
    var list = input.putArray("statements");
    for (int i = 0; i < statements; i++) {
      list.addObject().put("index", i).put("kind", "select").put("statement_kind", "select");
    }
    return input;
  }

  private static PolicyBatch fed(int... statements) {
    PolicyBatch batch = engine.batch();
    for (int n : statements) {
      batch.add(file(n));
    }
    return batch;
  }

  @Test
  void aChunkClosesOnceItsFilesHoldEnoughStatements() {
    int n = PolicyEngine.CHUNK_STATEMENTS;
    // weight = statements + 1 per file: a file of n - 1 statements fills a chunk alone.
    PolicyBatch batch = fed(n - 1, n - 1, 3, 3);
    assertEquals(List.of(0, 1), batch.chunkStarts());
    assertEquals(4, batch.finish().size());
  }

  @Test
  void balancesStatementsNotFiles() {
    int n = PolicyEngine.CHUNK_STATEMENTS;
    int[] sizes = new int[41];
    sizes[0] = 2 * n; // one large file is a chunk of its own
    for (int i = 1; i < sizes.length; i++) {
      sizes[i] = n / 10 - 1; // ten small files make the next
    }
    PolicyBatch batch = fed(sizes);
    assertEquals(List.of(0, 1, 11, 21, 31), batch.chunkStarts());
  }

  @Test
  void smallBatchesAreOneChunkEvaluatedAtTheEnd() {
    PolicyBatch batch = fed(5, 5, 5);
    assertTrue(batch.chunkStarts().isEmpty());
    List<List<RawFinding>> found = batch.finish();
    assertEquals(3, found.size());
  }

  @Test
  void aFinishedBatchTakesNoMoreInputs() {
    PolicyBatch batch = fed(1);
    batch.finish();
    assertThrows(IllegalStateException.class, () -> batch.add(file(1)));
    assertThrows(IllegalStateException.class, batch::finish);
  }

  /** A file whose finding points past its statements: the engine refuses the policy's answer. */
  private static JsonNode brokenFile(int statements) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.putObject("file").put("path", "broken.sql");
    var list = input.putArray("statements");
    for (int i = 0; i < statements; i++) {
      list.addObject()
          .put("index", 10_000 + i)
          .put("kind", "unparsed")
          .put("statement_kind", "unparsed");
    }
    return input;
  }

  @Test
  void aFailureOnAWorkerSurfacesFromFinish() {
    PolicyBatch batch = engine.batch();
    batch.add(
        brokenFile(
            PolicyEngine.CHUNK_STATEMENTS)); // a chunk of its own, handed to a worker at once
    assertEquals(List.of(0), batch.chunkStarts());
    batch.add(file(3));
    PolicyException e = assertThrows(PolicyException.class, batch::finish);
    assertTrue(e.getMessage().contains("points at statement 100"), e.getMessage());
  }

  @Test
  void aFailureInTheLastChunkSurfacesToo() {
    PolicyBatch batch = fed(PolicyEngine.CHUNK_STATEMENTS - 1);
    batch.add(brokenFile(2));
    PolicyException e = assertThrows(PolicyException.class, batch::finish);
    assertTrue(e.getMessage().contains("points at statement 100"), e.getMessage());
  }

  @Test
  void parallelismBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PolicyEngine.builder().parallelism(0));
  }

  @Test
  void emptyBatchHasNoFindings() {
    assertEquals(new ArrayList<>(), engine.batch().finish());
  }
}
