package dev.schemagate.analyzer.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.SqlFileSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled policy on its build-time compiled bytecode (our own OPA ABI host) reports exactly
 * what the OPA Java SDK reports on the same policy.wasm, batched and file by file, on the examples
 * and on every project of the corpus.
 */
class BuildTimeCompiledPolicyTest {

  private static PolicyEngine precompiled;
  private static PolicyEngine sdk;
  private static PolicyEngine precompiledPerFile;

  @BeforeAll
  static void engines() {
    precompiled = PolicyEngine.builder().buildTimeCompiled(true).build();
    sdk = PolicyEngine.builder().buildTimeCompiled(false).build();
    precompiledPerFile = PolicyEngine.builder().buildTimeCompiled(true).batch(false).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop", "unsafe"})
  void examplesGiveTheSameFindings(String example) {
    MigrationRepository repo = MigrationRepository.load(Path.of("..", "examples", example));
    CheckResult expected = new CheckRunner(s -> sdk).check(repo, new CheckOptions(null, null));
    assertSame(
        expected, new CheckRunner(s -> precompiled).check(repo, new CheckOptions(null, null)));
    assertSame(
        expected,
        new CheckRunner(s -> precompiledPerFile).check(repo, new CheckOptions(null, null)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kratos", "harbor", "supabase-auth", "supabase-storage"})
  void corpusProjectsGiveTheSameFindings(String project) {
    SqlFileSet files = SqlFileSet.of(List.of(Path.of("..", "..", "shared", "corpus", project)));
    CheckResult expected = new CheckRunner(s -> sdk).check(files, new CheckOptions(null, null));
    assertSame(
        expected, new CheckRunner(s -> precompiled).check(files, new CheckOptions(null, null)));
  }

  private static void assertSame(CheckResult expected, CheckResult actual) {
    assertFalse(expected.findings().isEmpty(), "a comparison needs findings to compare");
    assertEquals(expected.files().size(), actual.files().size());
    for (int i = 0; i < expected.files().size(); i++) {
      assertEquals(expected.files().get(i).path(), actual.files().get(i).path());
      assertEquals(
          expected.files().get(i).findings(),
          actual.files().get(i).findings(),
          expected.files().get(i).path());
    }
  }
}
