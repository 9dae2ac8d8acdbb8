package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/new-rule.sh (issue 13 §5) on a copy of the repository's policy/, docs/rules/ and the
 * script: the five pieces it writes, Rego that opa formats, checks and compiles, a README row in id
 * order, a rule catalogue that scripts/build-policy.sh builds with it, generated tests that fail
 * until the rule is written, and one-line errors for bad input.
 */
class NewRuleScriptTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static String opa;

  @TempDir Path root;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void findOpa() throws Exception {
    Process p =
        new ProcessBuilder("bash", REPO.resolve("scripts/install-opa.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    opa = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), "scripts/install-opa.sh failed");
  }

  @BeforeEach
  void copyRepository() throws IOException {
    copyTree(REPO.resolve("policy"), root.resolve("policy"));
    copyTree(REPO.resolve("docs/rules"), root.resolve("docs/rules"));
    Files.createDirectories(root.resolve("scripts"));
    for (String script : List.of("new-rule.sh", "build-policy.sh", "install-opa.sh")) {
      Files.copy(REPO.resolve("scripts").resolve(script), root.resolve("scripts").resolve(script));
    }
  }

  @Test
  void writesTheFivePiecesOfARule() throws Exception {
    Run run =
        run(
            "bash",
            "scripts/new-rule.sh",
            "hygiene/prefer-example",
            "--severity",
            "info",
            "--title",
            "Prefer the example",
            "--summary",
            "A statement that is not the example: it's wrong.");
    assertEquals(0, run.exit(), run.err());
    for (String f :
        List.of(
            "policy/rules/hygiene/prefer_example.rego",
            "policy/rules/hygiene/prefer_example_test.rego",
            "docs/rules/hygiene/prefer-example.md",
            "analyzer/src/test/java/dev/schemagate/analyzer/rules/hygiene/PreferExampleTest.java")) {
      assertTrue(Files.isRegularFile(root.resolve(f)), f + " written; stdout: " + run.out());
    }
    String rego = Files.readString(root.resolve("policy/rules/hygiene/prefer_example.rego"));
    assertTrue(
        rego.contains("package schemagate.rules.hygiene.prefer_example")
            && rego.contains(
                "rule := {\"id\": \"hygiene/prefer-example\", \"severity\": \"info\"}"),
        rego);
    String java =
        Files.readString(
            root.resolve(
                "analyzer/src/test/java/dev/schemagate/analyzer/rules/hygiene/PreferExampleTest.java"));
    assertTrue(
        java.contains("class PreferExampleTest") && java.contains("\"hygiene/prefer-example\""),
        java);

    List<String> ids = readmeIds();
    assertTrue(ids.contains("hygiene/prefer-example"), ids.toString());
    assertEquals(ids.stream().sorted().toList(), ids, "README rows stay in id order");
    assertTrue(
        Files.readString(root.resolve("docs/rules/README.md"))
            .contains(
                "| [hygiene/prefer-example](hygiene/prefer-example.md) | info | A statement that is not the example: it's wrong. |"));

    assertEquals(
        "",
        run(opa, "fmt", "--list", "policy/").out().strip(),
        "opa fmt leaves the generated Rego as it is");
    Run check = run(opa, "check", "policy/");
    assertEquals(0, check.exit(), check.out() + check.err());
    Run inspect = run(opa, "inspect", "-a", "--format", "json", "policy/");
    assertTrue(
        inspect
            .out()
            .contains("\"description\": \"A statement that is not the example: it's wrong.\""),
        "METADATA keeps the summary as written");
    Run build = run("bash", "scripts/build-policy.sh", root.resolve("built").toString());
    assertEquals(
        0, build.exit(), "scripts/build-policy.sh takes the generated rule: " + build.err());
    assertTrue(
        Files.readString(root.resolve("built/rules.json"))
            .contains("\"id\": \"hygiene/prefer-example\""));
    Run test = run(opa, "test", "policy/");
    assertNotEquals(
        0, test.exit(), "the generated flagged-example test fails until the rule is written");
    assertTrue(
        test.out().contains("test_flags_the_example: FAIL")
            && !test.out().contains("test_safe_rewrite_is_fine: FAIL"),
        test.out());
  }

  @Test
  void badInputIsAOneLineError() throws Exception {
    expectError(List.of("Hygiene/x"), "new-rule: rule id 'Hygiene/x' is not CATEGORY/NAME");
    expectError(List.of("style/x"), "new-rule: rule id 'style/x' is not CATEGORY/NAME");
    expectError(
        List.of("hygiene/prefer-jsonb"),
        "new-rule: policy/rules/hygiene/prefer_jsonb.rego already exists");
    expectError(
        List.of("lock/x", "--severity", "fatal"),
        "new-rule: severity 'fatal' is not error, warning or info");
    expectError(
        List.of("lock/x", "--title", "a | b"), "new-rule: --title and --summary cannot contain");
    assertTrue(
        Files.notExists(root.resolve("policy/rules/lock/x.rego")), "nothing written on an error");
  }

  private void expectError(List<String> args, String start) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "scripts/new-rule.sh"));
    cmd.addAll(args);
    Run run = run(cmd.toArray(String[]::new));
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().startsWith(start) && run.err().strip().lines().count() == 1, run.err());
  }

  private List<String> readmeIds() throws IOException {
    return Files.readAllLines(root.resolve("docs/rules/README.md")).stream()
        .filter(l -> l.startsWith("| ["))
        .map(l -> l.substring(3, l.indexOf(']')))
        .toList();
  }

  private Run run(String... cmd) throws Exception {
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish in 60 s");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
