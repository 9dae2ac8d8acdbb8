package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.repo.SqlFileSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy runtime error stays in its file and statement (issue 13 §1): a user rule that is wrong
 * on purpose (one value per kind of action in the file, so a file with two kinds is OPA's {@code
 * var assignment conflict}) fails on one statement of one file; that statement gets an error-level
 * {@value ContainedEvaluation#RULE} finding naming the rule's file and line, and every other
 * statement and file keeps the findings of every rule, the broken one included.
 */
class ContainedEvaluationTest {

  static final String CONFLICTING_RULE =
      """
      package schemagate.custom.first_action

      import data.schemagate.lib

      rule := {"id": "custom/first-action", "severity": "warning"}

      # Wrong on purpose: one value per kind of action in the file, a conflict once it has two kinds.
      action_kind := a.kind if {
      	some s in input.statements
      	some a in s.actions
      }

      findings contains lib.finding(rule, s, concat("", ["alters with ", action_kind]), "") if {
      	some s in input.statements
      	count(s.actions) > 0
      }
      """;

  @TempDir Path dir;

  @Test
  void aRuntimeErrorIsOneErrorFindingOnItsStatementAndEverythingElseIsStillChecked()
      throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("first_action.rego"), CONFLICTING_RULE);
    PolicyEngine engine =
        PolicyEngine.builder()
            .add(
                ((PolicySource.RegoFolder) PolicySource.user(policies, null))
                    .withOpa(UserPolicyTest.opa()))
            .build();
    Path a = Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE t (a int, b int);\n");
    Path b =
        Files.writeString(
            dir.resolve("V2__require.sql"),
            """
        ALTER TABLE t ADD COLUMN c int;
        ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL;
        ALTER TABLE t ADD COLUMN d int;
        """);
    Path c = Files.writeString(dir.resolve("V3__more.sql"), "ALTER TABLE t ADD COLUMN e int;\n");

    CheckResult r =
        new CheckRunner(settings -> engine)
            .check(SqlFileSet.of(List.of(a, b, c)), new CheckOptions(null, null));

    List<Finding> errors =
        r.findings().stream().filter(f -> f.rule().equals(ContainedEvaluation.RULE)).toList();
    assertEquals(
        List.of(b + ":2"),
        errors.stream().map(f -> f.path() + ":" + f.line()).toList(),
        r.findings().toString());
    Finding error = errors.get(0);
    assertEquals(Severity.ERROR, error.severity());
    assertTrue(
        error.message().contains("var assignment conflict at ")
            && error.message().contains("first_action.rego:8"),
        error.message());
    assertTrue(
        error.message().endsWith("; every other rule and statement was still checked"),
        error.message());

    assertEquals(
        List.of(a + ":1", b + ":1", b + ":3", c + ":1"),
        r.findings().stream()
            .filter(f -> f.rule().equals("custom/first-action"))
            .map(f -> f.path() + ":" + f.line())
            .toList(),
        "the broken rule's findings on the other statements and files");
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f ->
                    f.rule().equals("lock/scan-under-exclusive-lock")
                        && f.path().equals(b.toString())
                        && f.line() == 2),
        "the bundled policy's finding on the failing statement");
  }
}
