package dev.schemagate.analyzer.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.SqlFileSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch entry point (all files of a track in one Wasm evaluation) reports exactly what the
 * per-file entry point reports, file by file, on the example repositories and on real migrations.
 */
class BatchEvaluationTest {

  private static PolicyEngine batched;
  private static PolicyEngine perFile;
  private static PolicyEngine oneThread;
  private static PolicyEngine threeThreads;

  @BeforeAll
  static void engines() {
    batched = PolicyEngine.builder().build();
    perFile = PolicyEngine.builder().batch(false).build();
    oneThread = PolicyEngine.builder().parallelism(1).build();
    threeThreads = PolicyEngine.builder().parallelism(3).build();
  }

  @Test
  void theBundledPolicyIsEvaluatedInOneGo() {
    assertTrue(batched.batched());
    assertFalse(perFile.batched());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop", "unsafe"})
  void examplesGiveTheSameFindings(String example) {
    MigrationRepository repo = MigrationRepository.load(Path.of("..", "examples", example));
    CheckResult one = new CheckRunner(s -> batched).check(repo, new CheckOptions(null, null));
    CheckResult each = new CheckRunner(s -> perFile).check(repo, new CheckOptions(null, null));
    assertSame(each, one);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kratos", "harbor", "supabase-auth", "supabase-storage"})
  void corpusProjectsGiveTheSameFindings(String project) {
    SqlFileSet files = SqlFileSet.of(List.of(Path.of("..", "..", "shared", "corpus", project)));
    CheckResult one = new CheckRunner(s -> batched).check(files, new CheckOptions(null, null));
    CheckResult each = new CheckRunner(s -> perFile).check(files, new CheckOptions(null, null));
    assertSame(each, one);
  }

  /** Chunks evaluated on several threads (each on its own Wasm instance) change nothing. */
  @ParameterizedTest
  @ValueSource(strings = {"kratos", "harbor", "supabase-auth", "supabase-storage"})
  void parallelChunksGiveTheSameFindings(String project) {
    SqlFileSet files = SqlFileSet.of(List.of(Path.of("..", "..", "shared", "corpus", project)));
    CheckResult each = new CheckRunner(s -> perFile).check(files, new CheckOptions(null, null));
    assertSame(each, new CheckRunner(s -> oneThread).check(files, new CheckOptions(null, null)));
    assertSame(each, new CheckRunner(s -> threeThreads).check(files, new CheckOptions(null, null)));
  }

  private static void assertSame(CheckResult expected, CheckResult actual) {
    assertFalse(expected.findings().isEmpty(), "a comparison needs findings to compare");
    assertEquals(expected.files().size(), actual.files().size());
    for (int i = 0; i < expected.files().size(); i++) {
      FileResult e = expected.files().get(i);
      FileResult a = actual.files().get(i);
      assertEquals(e.path(), a.path());
      assertEquals(e.findings(), a.findings(), e.path());
    }
  }
}
