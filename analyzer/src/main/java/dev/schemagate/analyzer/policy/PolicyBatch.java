package dev.schemagate.analyzer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The policy inputs of many files, added one at a time in order, evaluated while more arrive: the
 * bundled policy's inputs are cut into chunks of about {@link PolicyEngine#CHUNK_STATEMENTS}
 * statements, and each chunk starts evaluating on a worker thread as soon as it is complete, so the
 * caller's own work on later files (parsing, replaying the catalog) runs beside the evaluation of
 * earlier ones. {@link #finish} evaluates what is left on the calling thread too, then the policies
 * that cannot stream (user policies on the SDK: a further instance of theirs would compile the
 * module again), and returns what {@link PolicyEngine#evaluate} would return for each input alone.
 *
 * <p>Not thread-safe: one thread adds and finishes; the workers touch only complete chunks.
 */
public final class PolicyBatch {
  private final List<PolicyModule> modules;
  private final PolicyModule streamed; // the module evaluated chunk by chunk, or null
  private final boolean batchEntrypoints;
  private final int parallelism;
  private final ExecutorService workers;
  private final List<JsonNode> inputs = new ArrayList<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger busyWorkers = new AtomicInteger();
  private int chunkStart;
  private long chunkWeight;
  private boolean finished;

  PolicyBatch(
      List<PolicyModule> modules,
      boolean batchEntrypoints,
      int parallelism,
      ExecutorService workers) {
    this.modules = modules;
    this.batchEntrypoints = batchEntrypoints;
    this.parallelism = parallelism;
    this.workers = workers;
    this.streamed =
        modules.stream()
            .filter(m -> batchEntrypoints && m.batch() && m.cheapInstances())
            .findFirst()
            .orElse(null);
  }

  /** Adds the next file's input; may hand a complete chunk to a worker. */
  public void add(JsonNode input) {
    if (finished) {
      throw new IllegalStateException("the batch is finished");
    }
    inputs.add(input);
    chunkWeight += PolicyEngine.weight(input);
    if (streamed != null && chunkWeight >= PolicyEngine.CHUNK_STATEMENTS) {
      closeChunk();
    }
  }

  /** Where each chunk handed out so far begins (index of its first input); for tests. */
  List<Integer> chunkStarts() {
    return chunks.stream().map(c -> c.from).toList();
  }

  /**
   * Waits for (and helps with) the streamed chunks, evaluates the other policies, and returns the
   * findings of every input in the order added: all policies' findings, a finding two policies both
   * report once, ordered by statement, rule and message.
   */
  public List<List<RawFinding>> finish() {
    if (finished) {
      throw new IllegalStateException("the batch is finished");
    }
    finished = true;
    List<List<RawFinding>> out = new ArrayList<>(inputs.size());
    List<Set<List<String>>> seen = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      out.add(new ArrayList<>());
      seen.add(new HashSet<>());
    }
    String[] jsons = new String[inputs.size()];
    if (streamed != null && chunkStart < inputs.size()) {
      closeChunk();
    }
    for (Chunk c; (c = queue.poll()) != null; ) {
      c.run();
    }
    for (PolicyModule module : modules) {
      List<List<RawFinding>> found;
      if (module == streamed) {
        found = new ArrayList<>(inputs.size());
        for (Chunk c : chunks) {
          found.addAll(c.join());
          System.arraycopy(c.jsons, 0, jsons, c.from, c.jsons.length);
        }
      } else {
        found = evaluateWhole(module, jsons);
      }
      for (int i = 0; i < inputs.size(); i++) {
        for (RawFinding f : found.get(i)) {
          if (seen.get(i).add(PolicyEngine.identity(f))) {
            out.get(i).add(f);
          }
        }
      }
    }
    out.forEach(l -> l.sort(PolicyEngine.ORDER));
    return out;
  }

  /** A module that does not stream: all inputs in one batch evaluation, or one at a time. */
  private List<List<RawFinding>> evaluateWhole(PolicyModule module, String[] jsons) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    if (module.batch() && batchEntrypoints) {
      return ContainedEvaluation.chunk(module, inputs, jsons);
    }
    List<List<RawFinding>> found = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      found.add(
          ContainedEvaluation.file(module, inputs.get(i), PolicyEngine.json(inputs, jsons, i)));
    }
    return found;
  }

  private void closeChunk() {
    Chunk c = new Chunk(chunkStart, List.copyOf(inputs.subList(chunkStart, inputs.size())));
    chunks.add(c);
    chunkStart = inputs.size();
    chunkWeight = 0;
    queue.add(c);
    if (!finished) {
      startWorker();
    }
  }

  private void startWorker() {
    if (tryBusy()) {
      workers.execute(this::drain);
    }
  }

  /**
   * A worker: takes chunks until none is waiting; looks again after leaving, so none is stranded.
   */
  private void drain() {
    do {
      for (Chunk c; (c = queue.poll()) != null; ) {
        c.run();
      }
      busyWorkers.decrementAndGet();
    } while (!queue.isEmpty() && tryBusy());
  }

  /** Counts one more busy worker, unless {@code parallelism - 1} already are. */
  private boolean tryBusy() {
    for (int busy = busyWorkers.get(); busy < parallelism - 1; busy = busyWorkers.get()) {
      if (busyWorkers.compareAndSet(busy, busy + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Consecutive inputs evaluated together by whichever thread takes them from the queue first. */
  private final class Chunk {
    final int from;
    final List<JsonNode> inputs;
    final String[] jsons;
    final CompletableFuture<List<List<RawFinding>>> result = new CompletableFuture<>();

    Chunk(int from, List<JsonNode> inputs) {
      this.from = from;
      this.inputs = inputs;
      this.jsons = new String[inputs.size()];
    }

    void run() {
      try {
        result.complete(ContainedEvaluation.chunk(streamed, inputs, jsons));
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }

    List<List<RawFinding>> join() {
      try {
        return result.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
  }
}
