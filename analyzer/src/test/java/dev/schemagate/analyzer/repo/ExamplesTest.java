package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.contract.window.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repositories under examples/ load with the public API and stay consistent. */
class ExamplesTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void shopLoads() {
    MigrationRepository shop = MigrationRepository.load(EXAMPLES.resolve("shop"));
    assertEquals(List.of("orders", "billing"), List.copyOf(shop.tracks().keySet()));
    assertEquals("main", shop.config().protectedBranch());

    Track orders = shop.track("orders");
    assertEquals(17, orders.config().pgVersion());
    assertTrue(orders.versions().size() >= 8, "at least 8 versions");
    List<Integer> numbers = orders.versions().stream().map(MigrationVersion::number).toList();
    for (int i = 0; i < numbers.size(); i++) {
      assertEquals(i + 1, numbers.get(i), "orders versions are 1..n without gaps");
    }
    long full = orders.versions().stream().filter(v -> v.phases().size() == 3).count();
    assertTrue(full >= 2, "expand/backfill/contract versions exist");
    assertTrue(
        orders.versions().stream()
            .anyMatch(v -> v.phases().keySet().equals(Set.of(PhaseKind.CONTRACT))),
        "a contract-only version (drop column) exists");
    assertEquals(Optional.empty(), orders.orderViolation(orders.applyOrder()));

    // Non-transactional phases carry the directive, and only those use CONCURRENTLY.
    for (PhaseFile f : shop.phaseFiles()) {
      if (f.text().contains("CONCURRENTLY")) {
        assertTrue(f.text().contains("-- schemagate:phase transactional=false"), f.repoPath());
      }
      assertFalse(
          f.text().contains("BEGIN;") || f.text().contains("COMMIT;"),
          f.repoPath() + " has no transaction control");
    }

    Track billing = shop.track("billing");
    assertEquals(16, billing.config().pgVersion());
    assertTrue(
        billing.applyOrder().stream().anyMatch(f -> f.text().contains("-- schemagate:allow ")));
    assertEquals(
        Optional.of(Severity.ERROR),
        billing.config().policy().severityFor("hygiene/foreign-key-without-index", Severity.INFO));
    assertEquals(
        Optional.of(Severity.WARNING),
        billing.config().policy().severityFor("hygiene/prefer-text", Severity.INFO),
        "inherited from the top-level policy");
  }

  @Test
  void deploymentsRequireVersionsThatExist() throws Exception {
    MigrationRepository shop = MigrationRepository.load(EXAMPLES.resolve("shop"));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Path> manifests;
    try (Stream<Path> s = Files.list(EXAMPLES.resolve("shop/k8s"))) {
      manifests = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(manifests.size() >= 2);
    List<Requirement> all = new ArrayList<>();
    for (Path manifest : manifests) {
      JsonNode doc = yaml.readTree(manifest.toFile());
      assertEquals("Deployment", doc.path("kind").asText(), manifest.toString());
      JsonNode value =
          doc.path("spec")
              .path("template")
              .path("metadata")
              .path("annotations")
              .path(Requirement.ANNOTATION);
      assertTrue(
          value.isTextual(),
          manifest + " carries " + Requirement.ANNOTATION + " on the pod template");
      for (Requirement r : Requirement.parseAll(value.asText())) {
        assertTrue(shop.tracks().containsKey(r.track()), manifest + ": " + r);
        assertTrue(
            shop.track(r.track()).version(r.version()).isPresent(),
            manifest + ": " + r + " exists");
        all.add(r);
      }
    }
    assertTrue(all.stream().anyMatch(r -> r.track().equals("billing")));
  }

  @Test
  void unsafeLoads() {
    MigrationRepository unsafe = MigrationRepository.load(EXAMPLES.resolve("unsafe"));
    Track app = unsafe.track("app");
    assertTrue(app.versions().size() >= 6);
    Map<String, String> expected =
        Map.of(
            "CREATE INDEX accounts_email_idx", "lock/create-index-blocking",
            "SET NOT NULL", "lock/scan-under-exclusive-lock",
            "TYPE bigint", "lock/table-rewrite",
            "RENAME COLUMN", "compat/rename-column",
            "clock_timestamp()", "lock/table-rewrite");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertTrue(
          app.applyOrder().stream()
              .anyMatch(f -> f.text().contains(e.getKey()) && f.text().contains(e.getValue())),
          "an unsafe example with " + e.getKey() + " names " + e.getValue());
    }
    assertTrue(app.applyOrder().stream().noneMatch(f -> f.text().contains("CONCURRENTLY")));
  }
}
