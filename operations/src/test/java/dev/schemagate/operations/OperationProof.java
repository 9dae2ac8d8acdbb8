package dev.schemagate.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.runner.RunnerException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 14's proof for one operation: the version is generated with the real {@code new} code into
 * a Git repository and applied with the real runner, phase by phase, on its own database, while
 * code of the old shape writes from the start and code of the new shape from the expand on (from
 * the start when there is no expand). After each phase both shapes write and read; after the
 * contract every row holds exactly what was last written to it, rows written during the backfill
 * included; a rollback from each boundary before the contract returns the schema to exactly what it
 * was, with every row intact; after the contract the runner refuses a rollback.
 */
final class OperationProof {

  static final int SEEDED = 10_000;

  /**
   * Writes each running shape makes after a phase before the next check: the phase's result works.
   */
  static final long WRITES_PER_CHECK = 40;

  static final String VERSION = "app@2";

  /**
   * Everything of the schema a rollback must restore: columns, indexes, constraints, triggers,
   * relations, functions.
   */
  static final String SCHEMA =
      "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '"
          + " || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public'"
          + " UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
          + " UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
          + " WHERE connamespace = 'public'::regnamespace"
          + " UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal"
          + " UNION ALL SELECT 'relation ' || relname || ' ' || relkind::text FROM pg_class WHERE relnamespace = 'public'::regnamespace"
          + " UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1";

  /** The phases before the contract, as the runner names them. */
  enum Boundary {
    EXPAND("expand"),
    BACKFILL("backfill");

    final String phase;

    Boundary(String phase) {
      this.phase = phase;
    }
  }

  private final ProofCase proof;
  private final Path dir;
  private OperationRun run;
  private final Map<Long, String> model = Writers.model();
  private List<String> before;

  OperationProof(ProofCase proof, Path dir) {
    this.proof = proof;
    this.dir = dir;
  }

  /**
   * The boundaries a version of {@code proof}'s operation has (generated into {@code dir} to find
   * out).
   */
  static List<Boundary> boundaries(ProofCase proof, Path dir) {
    List<String> files =
        Fixture.copy(dir).generate(proof.operation()).stream()
            .map(p -> p.getFileName().toString())
            .toList();
    List<Boundary> out = new ArrayList<>();
    for (Boundary b : Boundary.values()) {
      if (files.contains(b.phase + ".sql")) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * expand → backfill → verify → contract under both shapes' writers; the rows and the new shape
   * checked.
   */
  void throughTheContract() throws Exception {
    start();
    List<Boundary> boundaries = present();
    List<String> failures;
    long duringBackfill = -1;
    try (Writers w = new Writers(run, model)) {
      int old = w.start("old-shape", step(proof.oldShape(), 1));
      int next =
          boundaries.contains(Boundary.EXPAND)
              ? -1
              : w.start("new-shape", step(proof.newShape(), 0));
      w.awaitEachRunning(WRITES_PER_CHECK);
      for (Boundary b : boundaries) {
        long writes = w.writes.get();
        run.apply(VERSION + "." + b.phase);
        if (b == Boundary.BACKFILL) {
          duringBackfill = w.writes.get() - writes;
        }
        if (b == Boundary.EXPAND) {
          next =
              w.start(
                  "new-shape", step(proof.newShape(), 0)); // the application deploys the new shape
        }
        w.awaitEachRunning(WRITES_PER_CHECK);
        bothShapesRead(b == Boundary.BACKFILL || !boundaries.contains(Boundary.BACKFILL));
      }
      w.stop(old); // what the contract gate waits for: no code of the old shape runs
      run.apply(VERSION);
      w.awaitEachRunning(WRITES_PER_CHECK);
      w.stop(next);
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(List.of(), failures, "every write of either shape succeeds through every phase");
    if (duringBackfill >= 0) {
      assertTrue(
          duringBackfill > 0,
          "no write landed while the backfill ran: the proof would not cover that window");
      run.log.add("writes while the backfill ran: " + duringBackfill);
    }
    Writers.assertHolds(model, read(proof.newRead()));
    for (String q : proof.contracted()) {
      assertEquals(List.of(), run.rows(q), q);
    }
    assertEquals(
        List.of(),
        run.rows("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"),
        "no index left invalid");
    for (String s : proof.refusedAfterContract()) {
      assertThrows(SQLException.class, () -> run.exec(s), s);
    }
    RunnerException e = assertThrows(RunnerException.class, () -> run.rollback(2));
    assertEquals(
        "rollback of " + VERSION + " refused: its contract ran, and a contract cannot be undone",
        e.getMessage());
  }

  /**
   * The phases up to {@code boundary} under both shapes' writers, then the new shape stopped (what
   * the rollback's gate waits for) and the rollback run while the old shape goes on writing.
   */
  void rollbackAfter(Boundary boundary) throws Exception {
    start();
    assertTrue(
        run.files.stream().anyMatch(p -> p.getFileName().toString().equals("rollback.sql")),
        "a version with an expand writes rollback.sql: " + run.files);
    List<String> failures;
    try (Writers w = new Writers(run, model)) {
      int old = w.start("old-shape", step(proof.oldShape(), 1));
      int next = -1;
      for (Boundary b : present()) {
        if (b.ordinal() > boundary.ordinal()) {
          break;
        }
        run.apply(VERSION + "." + b.phase);
        if (b == Boundary.EXPAND) {
          next = w.start("new-shape", step(proof.newShape(), 0));
        }
      }
      w.awaitEachRunning(WRITES_PER_CHECK);
      w.stop(next);
      run.rollback(2);
      w.awaitEachRunning(WRITES_PER_CHECK);
      w.stop(old);
      failures = new ArrayList<>(w.failures);
    }
    assertEquals(
        List.of(), failures, "every write of either shape succeeds up to and through the rollback");
    assertEquals(
        before,
        run.rows(SCHEMA),
        "the rollback returns the schema to what it was before the expand");
    Writers.assertHolds(model, read(proof.oldRead()));
  }

  private void start() throws Exception {
    run = OperationRun.of(dir, proof.operation());
    run.apply("app@1");
    before = run.rows(SCHEMA);
    run.exec(proof.seed().replace("{rows}", Integer.toString(SEEDED)));
    model.putAll(read(proof.oldRead()));
    assertEquals(SEEDED, model.size(), "the seed writes " + SEEDED + " rows");
  }

  private List<Boundary> present() {
    List<String> files = run.files.stream().map(p -> p.getFileName().toString()).toList();
    return java.util.Arrays.stream(Boundary.values())
        .filter(b -> files.contains(b.phase + ".sql"))
        .toList();
  }

  /** Both shapes read every row; once the rows are backfilled, they read the same values. */
  private void bothShapesRead(boolean backfilled) throws SQLException {
    assertFalse(read(proof.oldRead()).isEmpty());
    assertFalse(read(proof.newRead()).isEmpty());
    if (backfilled && proof.disagreement() != null) {
      assertEquals(
          List.of(),
          run.rows(proof.disagreement() + " LIMIT 10"),
          "each shape reads what the other wrote");
    }
  }

  /**
   * Code of one shape: odd writes insert a row, even ones update one of the seeded rows of the
   * shape's parity (old: odd keys, new: even keys), so the model's last value per key is exact.
   */
  private static Writers.Step step(Shape shape, int parity) {
    return (c, n) -> {
      if (n % 2 == 1) {
        return shape.insert(c, n);
      }
      long id = parity == 1 ? 1 + 2 * ((n / 2) % (SEEDED / 2)) : 2 + 2 * ((n / 2) % (SEEDED / 2));
      String value = shape.update(c, id, n);
      return value == null ? null : Map.entry(id, value);
    };
  }

  private Map<Long, String> read(String query) throws SQLException {
    Map<Long, String> out = new TreeMap<>();
    for (String r : run.rows(query)) {
      String[] p = r.split("\\|", 2);
      out.put(Long.parseLong(p[0]), p[1]);
    }
    return out;
  }

  List<String> log() {
    return run.log;
  }
}
