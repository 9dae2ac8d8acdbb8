package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bundled policy.wasm, evaluated in process on realistic phase-file inputs. */
class PolicyEngineTest {
  private static PolicyEngine engine;

  @BeforeAll
  static void load() {
    engine = PolicyEngine.bundled();
  }

  static JsonNode input(String name) throws IOException {
    try (InputStream in = PolicyEngineTest.class.getResourceAsStream(name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  static List<String> summary(List<RawFinding> findings) {
    return findings.stream()
        .map(f -> f.statementIndex() + " " + f.rule() + " " + f.severity().id())
        .toList();
  }

  @Test
  void unsafeExpandGetsEveryHazard() throws IOException {
    // ALTER TABLE orders ADD COLUMN status text NOT NULL; CREATE INDEX … ON orders (status);
    // ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY … REFERENCES customers,
    // with a reason-less waiver, in an expand phase without lock_timeout.
    List<RawFinding> findings = engine.evaluate(input("expand-unsafe.json"));
    assertEquals(
        List.of(
            "0 compat/add-required-column error",
            "0 lock/missing-lock-timeout warning",
            "1 lock/create-index-blocking error",
            "1 lock/exclusive-lock-held warning",
            "2 hygiene/foreign-key-without-index warning",
            "2 hygiene/waiver-without-reason error",
            "2 lock/exclusive-lock-held warning",
            "2 lock/foreign-key-validation error"),
        summary(findings));
    RawFinding index = findings.get(2);
    assertEquals(
        "CREATE INDEX on existing table public.orders takes a SHARE lock on public.orders (blocks writes): "
            + "INSERT, UPDATE and DELETE wait for the whole index build",
        index.message());
    assertTrue(index.hint().startsWith("Use CREATE INDEX CONCURRENTLY"), index.hint());
    assertEquals(
        "ALTER TABLE … ADD COLUMN waits for the ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes) "
            + "with no lock_timeout (and 2 more statement(s) in this file): while it waits behind a long query, "
            + "every read or write queued behind it waits as well",
        findings.get(1).message());
    assertEquals("bundled", index.policy());
    assertTrue(engine.loadTime().toNanos() > 0);
    assertEquals(List.of("bundled"), engine.policies());
  }

  @Test
  void safeContractHasNoFindings() throws IOException {
    assertEquals(List.of(), engine.evaluate(input("contract-safe.json")));
  }

  @Test
  void theSameDropInAnExpandPhaseIsReported() throws IOException {
    ObjectNode in = (ObjectNode) input("contract-safe.json");
    ((ObjectNode) in.get("file")).put("phase", "expand");
    assertEquals(List.of("1 compat/drop-column error"), summary(engine.evaluate(in)));
  }

  @Test
  void plainSqlFileGetsNoPhaseOrTransactionRules() throws IOException {
    // CREATE TABLE shipments (… REFERENCES orders …, shipped_at timestamp); CREATE INDEX
    // CONCURRENTLY; INSERT INTO shipments SELECT …; UPDATE orders …; a Flyway file: no phase,
    // transactionality unknown.
    List<RawFinding> findings = engine.evaluate(input("plain-flyway.json"));
    assertEquals(
        List.of(
            "0 hygiene/prefer-timestamptz info",
            "0 lock/missing-lock-timeout warning",
            "3 lock/unbatched-dml warning"),
        summary(findings));
    assertEquals(
        "CREATE TABLE waits for the SHARE ROW EXCLUSIVE lock on public.orders (blocks writes) with no "
            + "lock_timeout: while it waits behind a long query, every read or write "
            + "queued behind it waits as well",
        findings.get(1).message());
  }

  @Test
  void baseComparisonFindingsAreFileLevel() throws IOException {
    ObjectNode in = (ObjectNode) input("contract-safe.json");
    ((ObjectNode) in.get("base")).put("applied_file_changed", true).put("max_version_on_base", 5);
    List<RawFinding> findings = engine.evaluate(in);
    assertEquals(
        List.of("null phase/applied-file-changed error", "null phase/version-order error"),
        summary(findings));
  }

  @Test
  void compilerAndInterpreterAgree() throws IOException {
    PolicyEngine compiled = PolicyEngine.builder().compiler(true).build();
    PolicyEngine interpreted = PolicyEngine.builder().forEvaluations(1).build();
    JsonNode in = input("expand-unsafe.json");
    assertEquals(interpreted.evaluate(in), compiled.evaluate(in));
  }

  @Test
  void threadsEvaluateOnTheirOwnInstances() throws Exception {
    JsonNode unsafe = input("expand-unsafe.json");
    JsonNode safe = input("contract-safe.json");
    List<RawFinding> expected = engine.evaluate(unsafe);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<RawFinding>>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        JsonNode in = i % 2 == 0 ? unsafe : safe;
        results.add(pool.submit(() -> engine.evaluate(in)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(i % 2 == 0 ? expected : List.of(), results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
